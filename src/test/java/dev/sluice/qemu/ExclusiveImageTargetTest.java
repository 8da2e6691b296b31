package dev.sluice.qemu;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sluice.host.Command;
import dev.sluice.host.CommandJournal;
import dev.sluice.host.CommandRunner;
import dev.sluice.host.Elevation;
import dev.sluice.host.Host;
import dev.sluice.host.OutputListener;
import dev.sluice.host.ProcessCommandRunner;
import dev.sluice.host.RunningCommand;
import dev.sluice.host.RunningPipeline;
import dev.sluice.host.sshd.SshdExtension;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Issue 11 item 6, with real qemu-img run as root (the export runs as root): a new image never
 * overwrites an existing file and never writes through a symlink, not even one planted while the
 * copy runs; replacing is only what the user asked for, and replaces the link, not its target.
 */
class ExclusiveImageTargetTest {
    @RegisterExtension
    static final SshdExtension SSHD = new SshdExtension();
    @TempDir
    Path tmp;

    private CommandRunner runner(String kind) {
        return kind.equals("ssh") ? SSHD.get().rootRunner() : ProcessCommandRunner.local(Host.local(Elevation.NONE), new CommandJournal());
    }

    /** A 2 MiB raw "zvol" device (a file) with known bytes, and a victim file elsewhere. */
    private Path zvol() throws IOException {
        Path dev = tmp.resolve("disk0");
        byte[] data = new byte[2 << 20];
        new Random(11).nextBytes(data);
        Files.write(dev, data);
        return dev;
    }

    private Path victim() throws IOException {
        Path secrets = Files.createDirectories(tmp.resolve("etc"));
        return Files.writeString(secrets.resolve("shadow"), "root:precious:19000:0:99999:7:::\n");
    }

    private Path folder() throws IOException {
        Path f = Files.createDirectories(tmp.resolve("library"));
        Files.setPosixFilePermissions(f, PosixFilePermissions.fromString("rwxrwxrwx")); // anyone may plant a name there
        return f;
    }

    /** The suggested export name (zvol name + format extension) planted as a symlink: left untouched, its target unchanged. */
    @ParameterizedTest
    @ValueSource(strings = {"local", "ssh"})
    void aSymlinkPlantedUnderTheSuggestedExportNameIsLeftAlone(String kind) throws Exception {
        Path dev = zvol();
        Path victim = victim();
        byte[] before = Files.readAllBytes(victim);
        Path folder = folder();
        Path planted = Files.createSymbolicLink(folder.resolve("disk0." + ImageFormat.QCOW2.extension()), victim);
        QemuImg img = new QemuImg(runner(kind));

        var e = assertThrows(QemuImgException.TargetExists.class, () -> img.exportZvol(dev.toString(), Files.size(dev),
                ImageTarget.in(folder.toString(), "disk0.qcow2", false), ImageFormat.QCOW2, new RecordingContext()));
        assertEquals(planted + " already exists (a symbolic link). Sluice never overwrites a file: choose another name, or tick "
                + "\"Replace disk0.qcow2\" to replace it.", e.getMessage());
        assertTrue(Files.isSymbolicLink(planted));
        assertEquals(victim, Files.readSymbolicLink(planted));
        assertArrayEquals(before, Files.readAllBytes(victim));
        assertOnly(folder, "disk0.qcow2");
    }

    /** The name is taken while qemu-img runs (after the lstat): the link is still never followed; the copy waits aside. */
    @ParameterizedTest
    @ValueSource(strings = {"local", "ssh"})
    void aSymlinkPlantedDuringTheCopyIsNeverFollowed(String kind) throws Exception {
        Path dev = zvol();
        Path victim = victim();
        byte[] before = Files.readAllBytes(victim);
        Path folder = folder();
        Path name = folder.resolve("disk0.qcow2");
        CommandRunner planting = plantingWhenQemuImgStarts(runner(kind), name, victim);
        ImageTarget target = ImageTarget.in(folder.toString(), "disk0.qcow2", false);

        var e = assertThrows(QemuImgException.TargetExists.class, () -> new QemuImg(planting).exportZvol(dev.toString(), Files.size(dev),
                target, ImageFormat.QCOW2, new RecordingContext()));
        assertTrue(e.getMessage().startsWith(name + " appeared while the copy ran (a symbolic link)"), e.getMessage());
        assertTrue(Files.isSymbolicLink(name));
        assertArrayEquals(before, Files.readAllBytes(victim));
        assertTrue(e.getMessage().contains(target.stagedPath()), "says where the finished image is");
        assertEquals("qcow2", new QemuImg(runner("local")).info(target.stagedPath()).format());
    }

    @Test
    void anExistingImageIsNeverOverwrittenByCreateOrConvert() throws Exception {
        Path folder = folder();
        Path existing = Files.writeString(folder.resolve("web.qcow2"), "an image the user cares about");
        QemuImg img = new QemuImg(runner("local"));
        assertThrows(QemuImgException.TargetExists.class, () -> img.create(ImageTarget.in(folder.toString(), "web.qcow2", false),
                ImageFormat.QCOW2, 1 << 20, Preallocation.OFF));
        Path dev = zvol();
        assertThrows(QemuImgException.TargetExists.class, () -> img.convert(dev.toString(),
                ImageTarget.in(folder.toString(), "web.qcow2", false), ImageFormat.QCOW2, new RecordingContext()));
        assertEquals("an image the user cares about", Files.readString(existing));
        assertOnly(folder, "web.qcow2");
    }

    /** The explicit choice: the named file is replaced; a symlink there is replaced itself, its target untouched. */
    @Test
    void replacingIsExplicitAndReplacesTheLinkNotItsTarget() throws Exception {
        Path dev = zvol();
        Path victim = victim();
        byte[] before = Files.readAllBytes(victim);
        Path folder = folder();
        Path planted = Files.createSymbolicLink(folder.resolve("disk0.qcow2"), victim);
        QemuImg img = new QemuImg(runner("local"));
        img.exportZvol(dev.toString(), Files.size(dev), ImageTarget.in(folder.toString(), "disk0.qcow2", true), ImageFormat.QCOW2,
                new RecordingContext());
        assertFalse(Files.isSymbolicLink(planted));
        assertEquals("qcow2", img.info(planted.toString()).format());
        assertArrayEquals(before, Files.readAllBytes(victim));
        assertOnly(folder, "disk0.qcow2");
    }

    @Test
    void aNewImageLandsAndTheStageIsGone() throws Exception {
        Path folder = folder();
        QemuImg img = new QemuImg(runner("local"));
        img.create(ImageTarget.in(folder.toString(), "new.raw", false), ImageFormat.RAW, 1 << 20, Preallocation.OFF);
        assertEquals(1 << 20, Files.size(folder.resolve("new.raw")));
        assertEquals(1, ((Number) Files.getAttribute(folder.resolve("new.raw"), "unix:nlink")).intValue(), "the stage's second link is gone");
        assertOnly(folder, "new.raw");
    }

    @Test
    void aFailedCopyLeavesNothingBehind() throws Exception {
        Path folder = folder();
        QemuImg img = new QemuImg(runner("local"));
        assertThrows(QemuImgException.class, () -> img.convert(tmp.resolve("missing.raw").toString(),
                ImageTarget.in(folder.toString(), "x.qcow2", false), ImageFormat.QCOW2, new RecordingContext()));
        Path dev = zvol();
        ImageTarget t = ImageTarget.in(folder.toString(), "y.qcow2", false);
        // qemu-img itself fails (an option it does not know): the stage is removed with the partial file
        QemuImg broken = new QemuImg(rewriting(runner("local"), "qemu-img", "convert", "--no-such-option"));
        assertThrows(QemuImgException.class, () -> broken.convert(dev.toString(), t, ImageFormat.QCOW2, new RecordingContext()));
        assertOnly(folder);
    }

    private static void assertOnly(Path folder, String... names) throws IOException {
        try (Stream<Path> s = Files.list(folder)) {
            assertEquals(List.of(names), s.map(p -> p.getFileName().toString()).sorted().toList(), "no stage directory left");
        }
        for (String n : names) {
            assertTrue(Files.exists(folder.resolve(n), LinkOption.NOFOLLOW_LINKS));
        }
    }

    /** Plants {@code link → target} the moment qemu-img convert starts: after Sluice's lstat, before its publish. */
    private static CommandRunner plantingWhenQemuImgStarts(CommandRunner r, Path link, Path target) {
        return new Delegating(r) {
            @Override
            public RunningCommand start(Command c, OutputListener l) {
                if (c.argv().size() > 1 && c.argv().get(0).equals("qemu-img") && c.argv().get(1).equals("convert")) {
                    try {
                        Files.createSymbolicLink(link, target);
                    } catch (IOException e) {
                        throw new UncheckedIOException(e);
                    }
                }
                return super.start(c, l);
            }
        };
    }

    private static CommandRunner rewriting(CommandRunner r, String program, String sub, String extra) {
        return new Delegating(r) {
            @Override
            public RunningCommand start(Command c, OutputListener l) {
                if (c.argv().size() > 1 && c.argv().get(0).equals(program) && c.argv().get(1).equals(sub)) {
                    List<String> a = new java.util.ArrayList<>(c.argv());
                    a.add(2, extra);
                    c = new Command(a, c.stdin(), c.stdinSecret(), c.timeout(), c.needsRoot());
                }
                return super.start(c, l);
            }
        };
    }

    private static class Delegating implements CommandRunner {
        private final CommandRunner r;

        Delegating(CommandRunner r) {
            this.r = r;
        }

        @Override
        public Host host() {
            return r.host();
        }

        @Override
        public RunningCommand start(Command c, OutputListener l) {
            return r.start(c, l);
        }

        @Override
        public RunningPipeline startPipeline(List<Command> stages, List<OutputListener> listeners) {
            return r.startPipeline(stages, listeners);
        }
    }
}
