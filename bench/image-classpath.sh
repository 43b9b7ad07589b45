# Sourced by benchmarks that run a role as its image runs it: image_classpath DIR [maven args...] builds the app in
# the reactor (nothing installed in ~/.m2, so a fresh clone works) and writes DIR/image.classpath, the classpath Jib
# lays out (the app's resources and classes, then its runtime dependencies; e.g. -Pcollector-image for the
# collector's image). The project's own classes are copied into DIR/image, so that a build elsewhere in the tree
# cannot swap them mid-run; delete DIR/image after.
image_classpath() {
  local dir="$1"; shift
  [[ "$dir" == /* ]] || dir="$PWD/$dir"
  local mvn="mvn"; [ -x ./mvnw ] && mvn=./mvnw
  "$mvn" -q -B -pl app -am compile dependency:build-classpath -DincludeScope=runtime \
    -Dmdep.outputFile=target/bench-image.classpath -Dmaven.test.skip=true "$@"
  mkdir -p "$dir/image"
  local classpath="" entry copy entries
  IFS=: read -r -a entries < app/target/bench-image.classpath || true   # the file has no final newline
  for entry in "$PWD/app/target/classes" "${entries[@]}"; do
    if [[ "$entry" == "$PWD"/* ]]; then
      copy="$dir/image/$(printf '%s' "${entry#"$PWD"/}" | tr / _)"
      cp -R "$entry" "$copy"
      entry="$copy"
    fi
    classpath="${classpath:+$classpath:}$entry"
  done
  printf '%s' "$classpath" > "$dir/image.classpath"
}
