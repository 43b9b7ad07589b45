package io.heapstream.deploy;

import java.nio.file.Path;

/** Where this module's YAML and JSON live: the module directory, as Maven passes it (or the working directory). */
public final class DeployPaths {
    private DeployPaths() { }

    public static Path deployDir() {
        return Path.of(System.getProperty("heapstream.deploy.dir", ".")).toAbsolutePath().normalize();
    }
}
