package dev.sluice.app;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * The packaged launcher's AppCDS archive ({@code -XX:+AutoCreateSharedArchive -XX:SharedArchiveFile=…}): the JVM
 * writes it when it exits, with the classes that run loaded, and maps it at every later start. A run that ends at
 * once, a second Sluice handing over to the first, would write one with almost nothing in it (1 MB instead of
 * 27 MB), and the JVM would keep that one: start-up would stay slow for good.
 *
 * <p>So a run that ends early puts a directory with one note in it where a missing archive would go: the JVM
 * cannot write there (it removes what is in its way with {@code remove(3)}, which takes an empty directory, so
 * the note keeps it). The next Sluice that becomes the running one removes the note and the directory (the JVM
 * has already decided to write the archive at its exit) and writes a whole archive when it quits. Nothing else is
 * touched: the directory is made only where nothing is, and removed only when it holds the note alone, never
 * through a link.
 */
final class CdsArchive {
    private static final String AUTO = "-XX:+AutoCreateSharedArchive";
    private static final String FILE = "-XX:SharedArchiveFile=";
    static final String NOTE = "why-no-archive.txt";

    private CdsArchive() {
    }

    /** This JVM's archive when it writes one at exit, from its own arguments. */
    static Optional<Path> of(List<String> jvmArguments) {
        if (!jvmArguments.contains(AUTO)) {
            return Optional.empty();
        }
        return jvmArguments.stream().filter(a -> a.startsWith(FILE)).reduce((a, b) -> b)
                .map(a -> a.substring(FILE.length())).filter(s -> !s.isBlank() && !s.contains(java.io.File.pathSeparator))
                .map(Path::of);
    }

    static Optional<Path> ofThisJvm() {
        try {
            return of(java.lang.management.ManagementFactory.getRuntimeMXBean().getInputArguments());
        } catch (RuntimeException | LinkageError e) { // no management module in a trimmed runtime
            return Optional.empty();
        }
    }

    /** Before a run that did not get far exits: no archive from it. */
    static void blockPartialArchive(Optional<Path> archive) {
        archive.ifPresent(p -> {
            try {
                if (p.getParent() != null && Files.isDirectory(p.getParent(), LinkOption.NOFOLLOW_LINKS)) {
                    Files.createDirectory(p); // fails when anything is there already: that is left as it is
                    Files.writeString(p.resolve(NOTE), "A Sluice that handed over to the running one left this, so that the JVM does not\n"
                            + "keep a start-up archive of the few classes it loaded. The next Sluice removes it.\n",
                            java.nio.file.StandardOpenOption.CREATE_NEW);
                }
            } catch (IOException e) {
                // an archive or something else is there: nothing to do
            }
        });
    }

    /** At the start of the run that stays: a directory left by {@link #blockPartialArchive} goes. */
    static void allowArchive(Optional<Path> archive) {
        archive.ifPresent(p -> {
            try {
                if (!Files.isDirectory(p, LinkOption.NOFOLLOW_LINKS)) {
                    return;
                }
                try (var entries = Files.list(p)) {
                    List<Path> all = entries.toList();
                    if (all.size() != 1 || !all.getFirst().getFileName().toString().equals(NOTE)
                            || !Files.isRegularFile(all.getFirst(), LinkOption.NOFOLLOW_LINKS)) {
                        return; // not ours: leave it; the JVM just runs without an archive
                    }
                }
                Files.delete(p.resolve(NOTE));
                Files.delete(p);
            } catch (IOException e) {
                // leave it: the JVM just runs without an archive
            }
        });
    }
}
