package dev.sluice.ui.vms;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sluice.guest.Guest;
import dev.sluice.guest.GuestHost;
import dev.sluice.guest.GuestHosts;
import dev.sluice.guest.GuestState;
import dev.sluice.host.CommandJournal;
import dev.sluice.host.Elevation;
import dev.sluice.host.Host;
import dev.sluice.host.ProcessCommandRunner;
import dev.sluice.host.testing.ScriptedRunner;
import dev.sluice.qemu.Accel;
import dev.sluice.qemu.ImageFormat;
import dev.sluice.qemu.ImageLibrary;
import dev.sluice.qemu.Preallocation;
import dev.sluice.qemu.QemuDrive;
import dev.sluice.qemu.QemuImg;
import dev.sluice.qemu.QemuRunPaths;
import dev.sluice.qemu.QemuVmDefinition;
import dev.sluice.qemu.QemuVmService;
import dev.sluice.qemu.QemuVmStore;
import dev.sluice.qemu.QmpConnector;
import dev.sluice.qemu.preflight.PathProbe;
import dev.sluice.qemu.preflight.Preflight;
import dev.sluice.task.TaskExecutor;
import dev.sluice.ui.common.ActionRunner;
import dev.sluice.ui.common.I18n;
import dev.sluice.ui.common.testing.RecordingNotifications;
import dev.sluice.vbox.VBoxService;
import dev.sluice.zfs.ZfsService;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import javafx.beans.property.SimpleObjectProperty;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The VMs ViewModel driving a real qemu-system-x86_64 (TCG, firmware only, no guest OS) on this
 * machine: preflight, the confirmed start, the state in the list, power off over QMP.
 * VirtualBox is absent, so its banner shows while the QEMU guest is listed.
 */
class RealQemuVmsTest {
    @TempDir
    Path tmp;
    private QemuVmService qemu;

    @AfterEach
    void powerOffLeftovers() {
        try {
            if (qemu != null && qemu.state("fw-only").canStop()) {
                qemu.powerOff("fw-only");
            }
        } catch (Exception ignored) {
            // the test already failed; nothing more to clean
        }
    }

    @Test
    void startsAndPowersOffARealQemuGuest() throws Exception {
        I18n.setLocale(Locale.ROOT);
        ProcessCommandRunner runner = ProcessCommandRunner.local(Host.local(Elevation.NONE), new CommandJournal());
        QemuImg qemuImg = new QemuImg(runner);
        Path image = tmp.resolve("fw.qcow2");
        qemuImg.create(image.toString(), ImageFormat.QCOW2, 64L << 20, Preallocation.OFF);
        QemuVmStore store = new QemuVmStore(tmp.resolve("qemu"));
        store.save(new QemuVmDefinition("fw-only", 1, 64, List.of(QemuDrive.image(image.toString(), QemuDrive.Format.QCOW2)
                .withDeclaredSize(64L << 20)), QemuVmDefinition.Nic.NONE, QemuVmDefinition.Display.none()));
        Preflight preflight = new Preflight(new PathProbe(runner), dev -> Optional.empty(), p -> qemuImg.info(p).virtualSize());
        qemu = new QemuVmService(runner, store, new QemuRunPaths(tmp.resolve("run").toString()), preflight, QmpConnector.local(), Accel.TCG);
        ScriptedRunner noVbox = new ScriptedRunner();
        noVbox.notInstalled("VBoxManage");
        GuestHost host = new GuestHost(new ZfsService(runner), new VBoxService(noVbox, preflight), new PathProbe(noVbox), qemu, runner,
                qemuImg, new ImageLibrary(runner, qemuImg, tmp.resolve("qemu")));
        RecordingNotifications notes = new RecordingNotifications();
        VmsViewModel vm = new VmsViewModel(new SimpleObjectProperty<>(runner), GuestHosts.fixed(host),
                new ActionRunner(TaskExecutor.direct(), notes));
        vm.refresh();
        assertEquals("", vm.vboxUnavailableProperty().get(), "a QEMU guest is listed: no VirtualBox install banner");
        Guest g = vm.find("fw-only");
        assertEquals(GuestState.STOPPED, g.state());

        AtomicReference<StartCheck> check = new AtomicReference<>();
        vm.prepareStart(g, check::set);
        assertEquals(List.of(), check.get().problems(), "the image exists, is ours and has the declared size");
        vm.run(check.get().start());
        assertEquals("fw-only started.", notes.last().text());
        assertEquals(GuestState.RUNNING, vm.find("fw-only").state());

        vm.run(vm.preparePowerOff(vm.find("fw-only")));
        assertEquals("fw-only powered off.", notes.last().text());
        assertEquals(GuestState.STOPPED, vm.find("fw-only").state());
    }
}
