package io.heapstream.testkit;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystemAlreadyExistsException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * Real kubelet captures shipped in this jar under {@code fixtures/} (see the README there for sources
 * and licences), e.g. {@code Fixtures.string("nri-kubernetes/k8s-1_31/stats-summary.json")}.
 */
public final class Fixtures {

    static final String ROOT = "fixtures/";
    /** A file every copy of the fixtures has; it locates the folder on disk or in the jar. */
    private static final String ANCHOR = ROOT + "README.md";

    private Fixtures() { }

    /** The bytes of {@code path}, relative to the fixtures folder; fails naming the path when it is absent. */
    public static byte[] bytes(String path) {
        try (InputStream in = open(path)) {
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read fixture " + path, e);
        }
    }

    /** The text of {@code path} (UTF-8), relative to the fixtures folder. */
    public static String string(String path) {
        return new String(bytes(path), StandardCharsets.UTF_8);
    }

    /**
     * Every fixture file, as paths relative to the fixtures folder ({@code nri-kubernetes/k8s-1_31/pods.yaml}),
     * sorted; includes the READMEs and licences, so filter by name.
     */
    public static List<String> paths() {
        return paths(Fixtures.class.getClassLoader());
    }

    /** {@link #paths()} from the fixtures {@code loader} sees: a folder when run from a build, a jar otherwise. */
    static List<String> paths(ClassLoader loader) {
        var anchor = loader.getResource(ANCHOR);
        if (anchor == null) {
            throw new IllegalStateException("no " + ANCHOR + " on the classpath: is heapstream-testkit a dependency?");
        }
        try {
            var uri = anchor.toURI();
            if ("jar".equals(uri.getScheme())) {
                return listInJar(uri);
            }
            return list(Path.of(uri).getParent());
        } catch (URISyntaxException | IOException e) {
            throw new IllegalStateException("cannot list fixtures at " + anchor, e);
        }
    }

    private static InputStream open(String path) {
        var in = Fixtures.class.getClassLoader().getResourceAsStream(ROOT + path);
        if (in == null) {
            throw new IllegalArgumentException("no fixture " + path + " (see Fixtures.paths() for what there is)");
        }
        return in;
    }

    private static synchronized List<String> listInJar(URI uri) throws IOException {
        try {
            var fs = FileSystems.newFileSystem(uri, Map.of());
            // Left open on purpose: closing would break another thread listing at the same time.
            return list(fs.provider().getPath(uri).getParent());
        } catch (FileSystemAlreadyExistsException e) {
            return list(FileSystems.getFileSystem(uri).provider().getPath(uri).getParent());
        }
    }

    private static List<String> list(Path root) throws IOException {
        try (Stream<Path> walk = Files.walk(root)) {
            return walk.filter(Files::isRegularFile)
                    .map(file -> root.relativize(file).toString().replace('\\', '/'))
                    .sorted()
                    .toList();
        }
    }
}
