package dev.sluice.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CdsArchiveTest {
    @TempDir
    Path dir;

    @Test
    void theArchiveIsReadFromTheLaunchersOptionsOnlyWhenTheJvmWritesIt() {
        assertEquals(Optional.of(Path.of("/home/a b/.cache/sluice/sluice.jsa")), CdsArchive.of(List.of("--enable-native-access=ALL-UNNAMED",
                "-XX:+AutoCreateSharedArchive", "-XX:SharedArchiveFile=/home/a b/.cache/sluice/sluice.jsa", "-Xlog:cds=off")));
        assertEquals(Optional.empty(), CdsArchive.of(List.of("-XX:SharedArchiveFile=/x.jsa")), "a fixed archive is never written");
        assertEquals(Optional.empty(), CdsArchive.of(List.of("-XX:+AutoCreateSharedArchive")));
        assertEquals(Optional.empty(), CdsArchive.of(List.of("-XX:+AutoCreateSharedArchive", "-XX:SharedArchiveFile=/base.jsa:/top.jsa")));
    }

    @Test
    void anEarlyExitBlocksAMissingArchiveAndTheNextRunUnblocksIt() throws Exception {
        Optional<Path> archive = Optional.of(dir.resolve("sluice.jsa"));
        CdsArchive.blockPartialArchive(archive);
        assertTrue(Files.isDirectory(archive.get()));
        assertTrue(Files.isRegularFile(archive.get().resolve(CdsArchive.NOTE)), "an empty directory would not stop the JVM");
        CdsArchive.allowArchive(archive);
        assertFalse(Files.exists(archive.get()));
    }

    @Test
    void aWholeArchiveAndAnythingElseThereStayAsTheyAre() throws Exception {
        Path file = Files.writeString(dir.resolve("sluice.jsa"), "archive");
        CdsArchive.blockPartialArchive(Optional.of(file));
        CdsArchive.allowArchive(Optional.of(file));
        assertEquals("archive", Files.readString(file));
        Path full = Files.createDirectory(dir.resolve("other.jsa"));
        Files.writeString(full.resolve("keep"), "x");
        CdsArchive.allowArchive(Optional.of(full));
        assertEquals("x", Files.readString(full.resolve("keep")));
        Path target = Files.createDirectory(dir.resolve("target"));
        Path link = Files.createSymbolicLink(dir.resolve("link.jsa"), target);
        CdsArchive.allowArchive(Optional.of(link));
        assertTrue(Files.isSymbolicLink(link) && Files.isDirectory(target), "a link is not followed nor removed");
    }
}
