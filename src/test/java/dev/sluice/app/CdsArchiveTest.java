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
        assertEquals(Optional.of(Path.of("/c/sluice-1.aot")), CdsArchive.of(List.of("-XX:AOTCacheOutput=/c/sluice-1.aot", "-Xlog:aot=off")));
        assertEquals(Optional.of(Path.of("/c/sluice-1.aot")), CdsArchive.of(List.of("-XX:AOTCache=/c/sluice-1.aot")));
    }

    @Test
    void anAotCacheTheJvmCouldNotMapGoesAndNothingElse() throws Exception {
        List<String> args = List.of("--enable-native-access=ALL-UNNAMED", "-XX:AOTCache=" + dir.resolve("sluice-1.aot"));
        assertEquals(Optional.empty(), CdsArchive.unusable(args, "mixed mode, sharing"), "mapped: kept");
        assertEquals(Optional.of(dir.resolve("sluice-1.aot")), CdsArchive.unusable(args, "mixed mode"));
        assertEquals(Optional.empty(), CdsArchive.unusable(List.of("-XX:AOTCacheOutput=/c/x.aot"), "mixed mode"),
                "a run that writes the cache maps none");
        assertEquals(Optional.empty(), CdsArchive.unusable(List.of(), "mixed mode"));

        Path cut = Files.writeString(dir.resolve("sluice-1.aot"), "cut short");
        CdsArchive.dropUnusable(CdsArchive.unusable(args, "mixed mode"));
        assertFalse(Files.exists(cut));
        Path target = Files.writeString(dir.resolve("target"), "not ours");
        Path link = Files.createSymbolicLink(dir.resolve("link.aot"), target);
        CdsArchive.dropUnusable(Optional.of(link));
        assertTrue(Files.isSymbolicLink(link), "a link is not removed");
        assertEquals("not ours", Files.readString(target));
    }

    @Test
    void anArchiveWrittenByAnEarlyExitGoesAtTheNextStart() throws Exception {
        Path p = dir.resolve("sluice.jsa");
        CdsArchive.markPartialArchive(Optional.of(p));
        assertTrue(Files.isRegularFile(CdsArchive.note(p)));
        Files.writeString(p, "partial"); // what that JVM writes at its exit
        CdsArchive.dropPartialArchive(Optional.of(p));
        assertFalse(Files.exists(p));
        assertFalse(Files.exists(CdsArchive.note(p)));
    }

    @Test
    void aWholeArchiveAndAnythingElseThereStayAsTheyAre() throws Exception {
        Path whole = Files.writeString(dir.resolve("sluice.jsa"), "archive");
        CdsArchive.markPartialArchive(Optional.of(whole)); // the JVM used it, so it writes none at exit
        assertFalse(Files.exists(CdsArchive.note(whole)));
        CdsArchive.dropPartialArchive(Optional.of(whole));
        assertEquals("archive", Files.readString(whole));
        Path target = Files.writeString(dir.resolve("target"), "not ours");
        Path link = Files.createSymbolicLink(dir.resolve("link.jsa"), target);
        Files.writeString(CdsArchive.note(link), "note");
        CdsArchive.dropPartialArchive(Optional.of(link));
        assertTrue(Files.isSymbolicLink(link), "a link is not removed");
        assertEquals("not ours", Files.readString(target));
    }
}
