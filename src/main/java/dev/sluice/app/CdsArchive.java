package dev.sluice.app;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * The packaged launcher's start-up archive: on a Java 25 runtime an AOT cache ({@code -XX:AOTCacheOutput=…} on the
 * run that writes it, {@code -XX:AOTCache=…} on the later ones, see {@code packaging/linux/launcher.sh}), on an
 * older one an AppCDS archive ({@code -XX:+AutoCreateSharedArchive -XX:SharedArchiveFile=…}). The JVM writes it
 * when it exits, with the classes that run loaded, and maps it at every later start. A run that ends at
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
    private static final String AOT_OUTPUT = "-XX:AOTCacheOutput=";
    private static final String AOT_CACHE = "-XX:AOTCache=";

    private CdsArchive() {
    }

    /**
     * This JVM's archive, from its own arguments: the AOT cache it writes at exit or maps, or the AppCDS archive it
     * maps or writes (never a fixed one). Only an archive that was not there at the start is marked as partial.
     */
    static Optional<Path> of(List<String> jvmArguments) {
        Optional<Path> aot = option(jvmArguments, AOT_OUTPUT).or(() -> option(jvmArguments, AOT_CACHE));
        if (aot.isPresent() || !jvmArguments.contains(AUTO)) {
            return aot;
        }
        return option(jvmArguments, FILE);
    }

    /**
     * The AOT cache this JVM was given and could not use (a copy cut short when the machine went down while the JVM
     * wrote it at exit, or one made for other options): the JVM then runs without any archive and says so only in its
     * own {@code java.vm.info}, which lacks "sharing". Such a cache would slow every start for good.
     */
    static Optional<Path> unusable(List<String> jvmArguments, String vmInfo) {
        if (vmInfo == null || vmInfo.contains("sharing")) {
            return Optional.empty();
        }
        return option(jvmArguments, AOT_CACHE);
    }

    private static Optional<Path> option(List<String> jvmArguments, String prefix) {
        return jvmArguments.stream().filter(a -> a.startsWith(prefix)).reduce((a, b) -> b)
                .map(a -> a.substring(prefix.length())).filter(s -> !s.isBlank() && !s.contains(java.io.File.pathSeparator))
                .map(Path::of);
    }

    static List<String> thisJvmsArguments() {
        try {
            return java.lang.management.ManagementFactory.getRuntimeMXBean().getInputArguments();
        } catch (RuntimeException | LinkageError e) { // no management module in a trimmed runtime
            return List.of();
        }
    }

    /** At the start of the run that stays: an AOT cache the JVM could not map goes, and the next start writes one. */
    static void dropUnusable(Optional<Path> cache) {
        cache.ifPresent(p -> {
            try {
                if (Files.isRegularFile(p, LinkOption.NOFOLLOW_LINKS)) {
                    Files.delete(p);
                }
            } catch (IOException e) {
                // leave it: start-up is slower, nothing else
            }
        });
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
