package io.heapstream.local;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.util.UUID;

import org.junit.jupiter.api.Test;

class LoopbackTest {

    private final String prefix = "heapstream-sweeptest-" + UUID.randomUUID() + "-";

    @Test
    void newTempDirRemovesSiblingsWhoseOwnerJvmIsGone() throws Exception {
        var finished = new ProcessBuilder("true").start();
        finished.waitFor();
        var orphan = Files.createTempDirectory(prefix);
        Files.writeString(orphan.resolve("owner.pid"), String.valueOf(finished.pid()));

        var fresh = Loopback.tempDir(prefix);

        assertThat(orphan).doesNotExist();
        Loopback.deleteRecursively(fresh);
    }

    @Test
    void newTempDirKeepsSiblingsOfARunningJvm() throws Exception {
        var first = Loopback.tempDir(prefix);

        var second = Loopback.tempDir(prefix);

        assertThat(first).isDirectory();
        Loopback.deleteRecursively(first);
        Loopback.deleteRecursively(second);
    }

    @Test
    void freePortsAreOnLoopbackAndNotListening() {
        var port = Loopback.freePort();

        assertThat(port).isPositive();
        assertThat(Loopback.accepts(port)).isFalse();
    }
}
