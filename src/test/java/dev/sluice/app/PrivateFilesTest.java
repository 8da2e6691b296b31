package dev.sluice.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sluice.config.AppDirs;
import dev.sluice.host.CommandJournal;
import dev.sluice.host.Host;
import dev.sluice.host.Runners;
import dev.sluice.qemu.ImageLibrary;
import dev.sluice.qemu.QemuDrive;
import dev.sluice.qemu.QemuImg;
import dev.sluice.qemu.QemuVmDefinition;
import dev.sluice.qemu.QemuVmStore;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 11 item 7: Sluice's directories are 0700 and its files 0600 from the moment they exist,
 * whatever the umask (this JVM's is the usual 022), through the same objects the app builds.
 */
class PrivateFilesTest {
    @TempDir
    Path tmp;

    @Test
    void configAndStateDirectoriesAre0700AndTheirFiles0600() throws Exception {
        AppDirs dirs = AppDirs.under(tmp.resolve("home"));
        Services s = Services.production(dirs, dev.sluice.task.TaskExecutor.direct());
        for (Path d : List.of(dirs.config(), dirs.state(), dirs.cache())) {
            assertMode("rwx------", d);
        }
        s.settings().update(x -> x.withTheme(x.theme() == dev.sluice.config.Settings.Theme.DARK ? dev.sluice.config.Settings.Theme.LIGHT : dev.sluice.config.Settings.Theme.DARK));
        assertMode("rw-------", dirs.settingsFile());

        Path crash = new CrashReporter(dirs.crashDir()).write(Thread.currentThread(), new IllegalStateException("boom"));
        assertNotNull(crash);
        assertMode("rwx------", dirs.crashDir());
        assertMode("rw-------", crash);

        Path qemuDir = dirs.config().resolve("hosts").resolve("local").resolve("qemu");
        new QemuVmStore(qemuDir).save(new QemuVmDefinition("db-1", 1, 256, List.of(QemuDrive.zvol("/dev/zvol/tank/db-1")),
                QemuVmDefinition.Nic.USER, QemuVmDefinition.Display.vnc(3)));
        var runner = Runners.forHost(Host.local(dev.sluice.host.Elevation.NONE), new CommandJournal());
        new ImageLibrary(runner, new QemuImg(runner), qemuDir).addFolder("/srv/images");
        for (Path d = qemuDir; !d.equals(dirs.config()); d = d.getParent()) {
            assertMode("rwx------", d);
        }
        try (Stream<Path> files = Files.list(qemuDir)) {
            List<Path> all = files.toList();
            assertEquals(2, all.size(), "the VM definition and library.json, no temp file left: " + all);
            for (Path f : all) {
                assertMode("rw-------", f);
            }
        }
    }

    @Test
    void aConfigDirectoryAnOlderSluiceMadeWideIsNarrowed() throws Exception {
        Path config = Files.createDirectories(tmp.resolve("home/config"));
        Files.setPosixFilePermissions(config, PosixFilePermissions.fromString("rwxr-xr-x"));
        AppDirs.under(tmp.resolve("home")).create();
        assertMode("rwx------", config);
    }

    private static void assertMode(String expected, Path p) throws Exception {
        assertTrue(Files.exists(p, LinkOption.NOFOLLOW_LINKS), p + " exists");
        assertEquals(expected, PosixFilePermissions.toString(Files.getPosixFilePermissions(p, LinkOption.NOFOLLOW_LINKS)), p.toString());
    }
}
