package io.heapstream.deploy;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

/**
 * Renders a kustomization the way {@code kubectl apply -k} would, by running {@code kubectl kustomize} (or a
 * standalone {@code kustomize build}) as a process. No API server is involved: rendering is local.
 */
final class Kustomize {
    private static final Map<Path, String> RENDERED = new ConcurrentHashMap<>();

    private Kustomize() { }

    /** The YAML stream of {@code deploy/overlays/<overlay>}, rendered once per test JVM. */
    static String renderOverlay(String overlay) {
        return render(DeployPaths.deployDir().resolve("overlays").resolve(overlay));
    }

    static String render(Path kustomization) {
        return RENDERED.computeIfAbsent(kustomization, Kustomize::run);
    }

    private static String run(Path dir) {
        List<String> command = command(dir);
        try {
            Process process = new ProcessBuilder(command).redirectErrorStream(false).start();
            // Read both streams before waiting: a full pipe would block kubectl forever.
            var stderr = new StringBuilder();
            Thread errReader = new Thread(() -> stderr.append(readAll(process.getErrorStream())));
            errReader.start();
            String stdout = readAll(process.getInputStream());
            if (!process.waitFor(2, TimeUnit.MINUTES)) {
                process.destroyForcibly();
                throw new AssertionError(String.join(" ", command) + " did not finish within 2 minutes");
            }
            errReader.join();
            if (process.exitValue() != 0) {
                throw new AssertionError(String.join(" ", command) + " failed (exit " + process.exitValue()
                        + "):\n" + stderr + "\nThe overlays need kustomize v5 (kubectl 1.27 or later); this one is:\n"
                        + version(command.get(0)));
            }
            return stdout;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted while rendering " + dir, e);
        }
    }

    private static List<String> command(Path dir) {
        String kubectl = System.getenv().getOrDefault("HEAPSTREAM_KUBECTL", "kubectl");
        if (onPath(kubectl)) {
            return List.of(kubectl, "kustomize", dir.toString());
        }
        if (onPath("kustomize")) {
            return List.of("kustomize", "build", dir.toString());
        }
        throw new AssertionError("""
                Rendering the manifests needs kubectl (1.27 or later, with kustomize v5 built in) or kustomize v5 \
                on the PATH, and neither was found. Install one of them: kubectl from the Kubernetes or your cloud \
                SDK's packages (Debian bookworm's kubernetes-client is kubectl 1.20 with kustomize v2, too old), \
                or `go install sigs.k8s.io/kustomize/kustomize/v5@v5.5.0`; or point HEAPSTREAM_KUBECTL at a \
                kubectl binary. No cluster is needed: the tests only run `kubectl kustomize`.""");
    }

    private static String version(String program) {
        var args = program.endsWith("kustomize") ? List.of(program, "version") : List.of(program, "version", "--client");
        try {
            Process process = new ProcessBuilder(args).redirectErrorStream(true).start();
            String out = readAll(process.getInputStream());
            process.waitFor(30, TimeUnit.SECONDS);
            return out;
        } catch (IOException e) {
            return "(" + String.join(" ", args) + " failed: " + e.getMessage() + ")";
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "(interrupted)";
        }
    }

    private static boolean onPath(String program) {
        if (program.contains("/")) {
            return Files.isExecutable(Path.of(program));
        }
        String path = System.getenv().getOrDefault("PATH", "");
        var candidates = new ArrayList<Path>();
        for (String dir : path.split(java.io.File.pathSeparator)) {
            if (!dir.isEmpty()) {
                candidates.add(Path.of(dir, program));
            }
        }
        return candidates.stream().anyMatch(Files::isExecutable);
    }

    private static String readAll(InputStream in) {
        try (in) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
