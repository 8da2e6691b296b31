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
 * <p>So a run that ends early and will write one (none was there when it started) leaves a note beside it,
 * {@code sluice.jsa.partial}. The next Sluice that becomes the running one deletes that archive and the note; it
 * still runs on the mapped copy, and the start after it writes a whole archive at exit. (A directory in the
 * archive's place does not stop the JVM: it takes the JVM's base archive away too, and fails the exit.) Only a
 * regular file at the archive's path goes, never through a link, and only with the note there.
 */
final class CdsArchive {
    private static final String AUTO = "-XX:+AutoCreateSharedArchive";
    private static final String FILE = "-XX:SharedArchiveFile=";

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

    /** Before a run that did not get far exits: its archive, if it writes one, is marked as partial. */
    static void markPartialArchive(Optional<Path> archive) {
        archive.ifPresent(p -> {
            try {
                if (Files.notExists(p, LinkOption.NOFOLLOW_LINKS) && p.getParent() != null
                        && Files.isDirectory(p.getParent(), LinkOption.NOFOLLOW_LINKS)) {
                    Files.writeString(note(p), "The start-up archive beside this was written by a Sluice that handed over to the\n"
                            + "running one: it holds only the few classes that run loaded. The next Sluice deletes both.\n",
                            java.nio.file.StandardOpenOption.CREATE_NEW);
                }
            } catch (IOException e) {
                // a note is there already, or the directory is not writable: nothing to do
            }
        });
    }

    /** At the start of the run that stays: a partial archive and its note go. */
    static void dropPartialArchive(Optional<Path> archive) {
        archive.ifPresent(p -> {
            Path note = note(p);
            try {
                if (!Files.isRegularFile(note, LinkOption.NOFOLLOW_LINKS)) {
                    return;
                }
                if (Files.isRegularFile(p, LinkOption.NOFOLLOW_LINKS)) {
                    Files.delete(p); // this JVM keeps its mapping; the next start writes a whole archive
                }
                Files.delete(note);
            } catch (IOException e) {
                // leave them: start-up is slower, nothing else
            }
        });
    }

    static Path note(Path archive) {
        return archive.resolveSibling(archive.getFileName() + ".partial");
    }
}
