package dev.sluice.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sluice.config.AppDirs;
import dev.sluice.config.HostsStore;
import dev.sluice.config.Settings;
import dev.sluice.config.SettingsStore;
import dev.sluice.host.CommandJournal;
import dev.sluice.host.Elevation;
import dev.sluice.host.Host;
import dev.sluice.host.probe.HostProbe;
import dev.sluice.host.testing.ScriptedRunner;
import dev.sluice.task.TaskExecutor;
import dev.sluice.ui.common.I18n;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The main window's decisions, without a screen: which notices show, what is remembered. */
class MainViewModelTest {
    @TempDir
    Path home;

    @BeforeAll
    static void english() {
        I18n.setLocale(Locale.ENGLISH);
    }

    private Services services(Services.RunnerFactory runners) {
        AppDirs dirs = AppDirs.under(home).create();
        return new Services(dirs, new CommandJournal(), new SettingsStore(dirs), new HostsStore(dirs), runners,
                r -> new HostProbe(r).probe(), TaskExecutor.direct(), null);
    }

    static ScriptedRunner hostWithoutZfs(Host h, CommandJournal journal) {
        return new ScriptedRunner(h, journal).otherwiseNotInstalled()
                .on("qemu-img", "--version").stdout("qemu-img version 7.2.19\n")
                .on("id", "-u").stdout("0\n").on("id", "-un").stdout("root\n");
    }

    @Test
    void missingZfsBecomesADangerNoticeWithTheFix() {
        MainViewModel vm = new MainViewModel(services(MainViewModelTest::hostWithoutZfs), new CommandTracker(new CommandJournal()));
        vm.start();
        assertEquals(1, vm.notices().size());
        Notice n = vm.notices().get(0);
        assertEquals(Notice.Level.DANGER, n.level());
        assertEquals("zfs is not installed on Local host", n.title());
        assertTrue(n.text().startsWith("Install OpenZFS: `apt install zfsutils-linux`"), n.text());
        assertEquals("qemu-img version 7.2.19", vm.reportProperty().get().qemuImg().version());
        vm.dismiss(n);
        assertEquals(List.of(), vm.notices());
    }

    @Test
    void aRunnerThatCannotBeMadeIsAnOrdinaryMessage() {
        Services s = services((h, j) -> {
            if (!h.isLocal()) {
                throw new IllegalArgumentException("the ssh target 'admin@nas' cannot be used: no ControlPath directory");
            }
            return hostWithoutZfs(h, j);
        });
        MainViewModel vm = new MainViewModel(s, new CommandTracker(s.journal()));
        vm.start();
        vm.addHost(Host.ssh("admin@nas", 0, null, Elevation.SUDO));

        assertEquals("ssh:admin@nas", vm.selectedHostProperty().get().id());
        assertNull(vm.runnerProperty().get());
        Notice n = vm.notices().get(0);
        assertEquals("Cannot connect to admin@nas", n.title());
        assertEquals("the ssh target 'admin@nas' cannot be used: no ControlPath directory", n.text());
        assertEquals(2, new HostsStore(s.dirs()).hosts().size(), "the host is saved all the same");
        assertEquals("ssh:admin@nas", new SettingsStore(s.dirs()).get().selectedHostId());

        vm.selectedHostProperty().set(vm.hosts().get(0));
        assertEquals("zfs is not installed on Local host", vm.notices().get(0).title());
    }

    @Test
    void themeLanguageAndViewAreRemembered() {
        Services s = services(MainViewModelTest::hostWithoutZfs);
        MainViewModel vm = new MainViewModel(s, new CommandTracker(s.journal()));
        vm.start();
        vm.toggleTheme();
        vm.currentFeatureProperty().set(Feature.SNAPSHOTS);
        vm.languageProperty().set(Settings.Language.CHINESE_SIMPLIFIED);

        Settings saved = new SettingsStore(s.dirs()).get();
        assertEquals(Settings.Theme.DARK, saved.theme());
        assertEquals("SNAPSHOTS", saved.lastView());
        assertEquals(Settings.Language.CHINESE_SIMPLIFIED, saved.language());
        assertTrue(vm.notices().stream().anyMatch(n -> n.title().equals("Language changed")));
    }

    @Test
    void corruptSettingsFileIsToldOnce() throws Exception {
        AppDirs dirs = AppDirs.under(home).create();
        Files.writeString(dirs.settingsFile(), "{ not json");
        MainViewModel vm = new MainViewModel(services(MainViewModelTest::hostWithoutZfs), new CommandTracker(new CommandJournal()));
        vm.start();
        Notice n = vm.notices().stream().filter(x -> x.id().equals("load:settings")).findFirst().orElseThrow();
        assertEquals("Your settings file was damaged", n.title());
        assertTrue(n.text().contains("kept the old file as"), n.text());
    }

    @Test
    void unreachableHostIsOneNoticeWithSshAdvice() {
        Services s = services((h, j) -> h.isLocal() ? hostWithoutZfs(h, j)
                : new ScriptedRunner(h, j).otherwise().unreachable("ssh: connect to host nas port 22: Connection refused"));
        MainViewModel vm = new MainViewModel(s, new CommandTracker(s.journal()));
        vm.start();
        vm.addHost(Host.ssh("nas", 0, null, Elevation.SUDO));
        assertEquals(1, vm.notices().size(), vm.notices().toString());
        assertEquals("Cannot reach nas", vm.notices().get(0).title());
        assertTrue(vm.notices().get(0).text().contains("Check that `ssh nas` works in a terminal"), vm.notices().get(0).text());
        var r = vm.reportProperty().get();
        assertEquals("zfs: not checked", ReportText.statusText(r.zfs()), "unknown, not \"not found\"");
        assertEquals("Privilege: not checked", ReportText.privilegeText(r.privilege()));
    }

    @Test
    void privilegeModeIsSavedAndTheHostCheckedAgain() {
        java.util.List<Host> made = new java.util.ArrayList<>();
        Services s = services((h, j) -> {
            made.add(h);
            return hostWithoutZfs(h, j).on("true").privilegeDenied("sudo: a password is required");
        });
        MainViewModel vm = new MainViewModel(s, new CommandTracker(s.journal()));
        vm.start();
        vm.setElevation(Elevation.SUDO);

        assertEquals(Elevation.SUDO, new HostsStore(s.dirs()).hosts().get(0).elevation());
        assertEquals(Elevation.SUDO, vm.selectedHostProperty().get().elevation());
        assertEquals(List.of(Elevation.NONE, Elevation.SUDO), made.stream().map(Host::elevation).toList(), "a new runner for the new mode");
        assertTrue(vm.notices().stream().anyMatch(n -> n.title().equals("sudo -n asks for a password on Local host")), vm.notices().toString());
    }

    @Test
    void removingAnSshHostGoesBackToTheLocalOne() {
        Services s = services((h, j) -> hostWithoutZfs(h, j));
        MainViewModel vm = new MainViewModel(s, new CommandTracker(s.journal()));
        vm.start();
        vm.addHost(Host.ssh("nas", 0, null, Elevation.SUDO));
        vm.removeSelectedHost();
        assertTrue(vm.selectedHostProperty().get().isLocal());
        assertEquals(1, vm.hosts().size());
        assertEquals(1, new HostsStore(s.dirs()).hosts().size());
        vm.removeSelectedHost();
        assertEquals(1, vm.hosts().size(), "the local host stays");
    }
}
