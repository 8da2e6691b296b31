package dev.sluice.qemu;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sluice.host.CommandRunner;
import dev.sluice.host.sshd.SshdExtension;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Issue 11 item 7: the QEMU run directory (QMP sockets, pidfiles) gets the same checks as the ssh
 * control directory: created 0700, and a symlink, someone else's directory or an open one refused.
 * Over real SSH as an unprivileged user; "someone else" is root, planting in /tmp first.
 */
class QemuRunDirectoryTest {
    @RegisterExtension
    static final SshdExtension SSHD = new SshdExtension();

    private static QemuProcesses processes(String root) {
        CommandRunner user = SSHD.get().userRunner();
        return new QemuProcesses(user, new QemuRunPaths(root + "/qemu", root));
    }

    private static String fresh() {
        return "/tmp/sluice-test-run-" + UUID.randomUUID().toString().substring(0, 8);
    }

    @Test
    void aFreshRunDirectoryIsCreatedPrivate() throws Exception {
        String root = fresh();
        try {
            processes(root).prepareRunDir();
            for (String d : List.of(root, root + "/qemu")) {
                Path p = Path.of(d);
                assertEquals("rwx------", PosixFilePermissions.toString(Files.getPosixFilePermissions(p, LinkOption.NOFOLLOW_LINKS)), d);
                int uid = (Integer) Files.getAttribute(p, "unix:uid", LinkOption.NOFOLLOW_LINKS);
                assertTrue(uid != 0, d + " belongs to the connected user");
            }
            processes(root).prepareRunDir(); // and again: an existing private one is fine
        } finally {
            delete(root);
        }
    }

    @Test
    void aPlantedSymlinkIsRefusedAndLeftAlone() throws Exception {
        String root = fresh();
        Path target = Files.createTempDirectory("elsewhere");
        Files.setPosixFilePermissions(target, PosixFilePermissions.fromString("rwxrwxrwx"));
        Files.createSymbolicLink(Path.of(root), target);
        try {
            var e = assertThrows(QemuVmException.UnsafeRunDirectory.class, () -> processes(root).prepareRunDir());
            assertTrue(e.getMessage().contains(root + " is a symbolic link"), e.getMessage());
            assertTrue(Files.isSymbolicLink(Path.of(root)));
            try (var inside = Files.list(target)) {
                assertEquals(0, inside.count(), "nothing was created through the link");
            }
        } finally {
            Files.delete(Path.of(root));
            Files.delete(target);
        }
    }

    @Test
    void someoneElsesDirectoryIsRefused() throws Exception {
        String root = fresh();
        Files.createDirectory(Path.of(root), PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
        Files.setPosixFilePermissions(Path.of(root), PosixFilePermissions.fromString("rwxrwxrwx"));
        try {
            var e = assertThrows(QemuVmException.UnsafeRunDirectory.class, () -> processes(root).prepareRunDir());
            assertTrue(e.getMessage().contains("belongs to user id 0"), e.getMessage());
        } finally {
            delete(root);
        }
    }

    @Test
    void anOpenDirectoryOfOurOwnIsRefusedWithTheFix() throws Exception {
        String root = fresh();
        CommandRunner user = SSHD.get().userRunner();
        user.run(dev.sluice.host.Command.of("mkdir", "-m", "0755", root));
        try {
            var e = assertThrows(QemuVmException.UnsafeRunDirectory.class, () -> processes(root).prepareRunDir());
            assertTrue(e.getMessage().contains("Run chmod 700 " + root), e.getMessage());
        } finally {
            delete(root);
        }
    }

    private static void delete(String root) throws Exception {
        new ProcessBuilder("rm", "-rf", "--", root).inheritIO().start().waitFor();
    }
}
