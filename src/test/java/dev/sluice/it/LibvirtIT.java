package dev.sluice.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sluice.app.GuestDiskUsers;
import dev.sluice.app.GuestZvolUsage;
import dev.sluice.guest.Guest;
import dev.sluice.guest.GuestDisk;
import dev.sluice.guest.GuestHost;
import dev.sluice.guest.GuestHosts;
import dev.sluice.guest.GuestInventory;
import dev.sluice.guest.GuestState;
import dev.sluice.guest.Hypervisor;
import dev.sluice.host.Command;
import dev.sluice.libvirt.DomainStats;
import dev.sluice.libvirt.DomainXml;
import dev.sluice.libvirt.LibvirtService;
import dev.sluice.libvirt.LibvirtState;
import dev.sluice.migrate.GuestRef;
import dev.sluice.migrate.Migration;
import dev.sluice.migrate.MigrationOptions;
import dev.sluice.migrate.MigrationRecord;
import dev.sluice.migrate.MigrationRequest;
import dev.sluice.migrate.MigrationState;
import dev.sluice.migrate.MigrationStore;
import dev.sluice.migrate.VirshGuest;
import dev.sluice.task.TaskContext;
import dev.sluice.task.TaskExecutor;
import dev.sluice.testbed.Channel;
import dev.sluice.testbed.OnChannel;
import dev.sluice.testbed.Testbed;
import dev.sluice.testbed.TestbedExtension;
import dev.sluice.ui.common.ActionRunner;
import dev.sluice.ui.common.I18n;
import dev.sluice.ui.common.testing.RecordingNotifications;
import dev.sluice.ui.migration.MigrationSource;
import dev.sluice.ui.migration.MigrationTools;
import dev.sluice.ui.volumes.DiskUsers;
import dev.sluice.ui.vms.StartCheck;
import dev.sluice.ui.vms.VmsViewModel;
import dev.sluice.zfs.Zvol;
import dev.sluice.zfs.ZfsService;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import javafx.beans.property.SimpleObjectProperty;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * libvirt on real ZFS: libvirt 9.0 (Debian 12) in the OpenZFS 2.3 testbed guest runs a guest with
 * {@code type='qemu'} (TCG; SeaBIOS only, no OS, so it never answers ACPI) whose first disk is a zvol
 * with a space in its name. Discovered, started and forced off from the VMs ViewModel, its running disk
 * refused to rollback and destroy, moved to another pool with the definition re-pointed (and an undo
 * giving back the definition byte for byte), and its drive's counters read. Every service comes from the
 * app's own factory ({@link GuestHost#open}, {@link MigrationTools#of}).
 */
@Tag("testbed")
@ExtendWith(TestbedExtension.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
@OnChannel(Channel.BACKPORTS)
class LibvirtIT {
    private static final String NAME = "web 1";
    private static final String ZVOL = "lsrc/vm/web disk";
    private static final String DEV = "/dev/zvol/lsrc/vm/web+disk";
    private static final String MOVED = "ldst/vm/web disk";
    private static final String MOVED_DEV = "/dev/zvol/ldst/vm/web+disk";
    private static final String SCRATCH = "/var/lib/libvirt/images/web-scratch.qcow2";

    Testbed tb;
    GuestHost host;
    ZfsService zfs;
    String uuid;
    String original;

    @TempDir
    Path dir;

    @BeforeAll
    void libvirtGuestOnAZvol(Testbed testbed, @TempDir Path qemuConfig) throws Exception {
        I18n.setLocale(Locale.ROOT);
        tb = testbed;
        tb.freshPool("lsrc", 1);
        tb.freshPool("ldst", 2);
        // libvirtd starts on its socket; an attached developer guest may hold an earlier run's domain
        tb.sh("systemctl start libvirtd.socket libvirtd.service; "
                + "for i in $(seq 30); do virsh -c qemu:///system uri >/dev/null 2>&1 && break; sleep 1; done; "
                + "virsh -c qemu:///system destroy '" + NAME + "' >/dev/null 2>&1; virsh -c qemu:///system undefine '" + NAME
                + "' >/dev/null 2>&1; rm -f " + SCRATCH + "; true");
        host = GuestHost.open(tb.runner(), qemuConfig);
        zfs = host.zfs();
        zfs.createDataset("lsrc/vm", Map.of());
        zfs.createDataset("ldst/vm", Map.of());
        Zvol z = zfs.createZvol(ZVOL, "64M", true, null, Map.of());
        tb.waitForDevice(z.devicePath());
        assertEquals(DEV, z.devicePath());
        original = tb.writeRandom(DEV, 8);
        zfs.snapshot(List.of(ZVOL + "@installed"));
        tb.sh("qemu-img create -q -f qcow2 " + SCRATCH + " 16M");
        // what an admin would have defined with virt-install or virt-manager: a zvol, an image and an empty CD-ROM
        String xml = """
                <domain type='qemu'>
                  <name>%s</name>
                  <memory unit='MiB'>64</memory>
                  <vcpu>1</vcpu>
                  <os><type arch='x86_64' machine='pc'>hvm</type><boot dev='hd'/></os>
                  <features><acpi/></features>
                  <devices>
                    <emulator>/usr/bin/qemu-system-x86_64</emulator>
                    <disk type='block' device='disk'>
                      <driver name='qemu' type='raw' cache='none' io='native'/>
                      <source dev='%s'/>
                      <target dev='vda' bus='virtio'/>
                    </disk>
                    <disk type='file' device='disk'>
                      <driver name='qemu' type='qcow2'/>
                      <source file='%s'/>
                      <target dev='vdb' bus='virtio'/>
                    </disk>
                    <disk type='file' device='cdrom'>
                      <target dev='hdc' bus='ide'/>
                      <readonly/>
                    </disk>
                    <memballoon model='none'/>
                  </devices>
                </domain>
                """.formatted(NAME, DEV, SCRATCH);
        tb.runner().run(Command.of("virsh", "-c", "qemu:///system", "define", "/dev/stdin").withStdin(xml.getBytes(StandardCharsets.UTF_8)));
        uuid = tb.sh("virsh -c qemu:///system domuuid '" + NAME + "'").strip();
    }

    /** Later classes on this guest list VMs too: the guest, its image and its pools go. */
    @AfterAll
    void removeTheGuest() throws Exception {
        tb.sh("virsh -c qemu:///system destroy '" + NAME + "' >/dev/null 2>&1; virsh -c qemu:///system undefine '" + NAME
                + "' >/dev/null 2>&1; rm -f " + SCRATCH + "; zpool destroy lsrc 2>/dev/null; zpool destroy ldst 2>/dev/null; true");
    }

    private Guest guest() throws Exception {
        return GuestInventory.read(host).guests().stream().filter(g -> g.id().equals(uuid)).findFirst()
                .orElseThrow(() -> new AssertionError(NAME + " not in the inventory"));
    }

    private VmsViewModel vms(RecordingNotifications notes) {
        VmsViewModel vm = new VmsViewModel(new SimpleObjectProperty<>(tb.runner()), GuestHosts.fixed(host),
                new ActionRunner(TaskExecutor.direct(), notes));
        vm.refresh();
        return vm;
    }

    @Test
    @Order(1)
    void theGuestIsDiscoveredWithEachDiskAndWhatBacksIt() throws Exception {
        Guest g = guest();
        assertEquals(Hypervisor.LIBVIRT, g.hypervisor());
        assertEquals(NAME, g.name());
        assertEquals(GuestState.STOPPED, g.state());
        assertEquals(64, g.memoryMiB());
        assertEquals(2, g.disks().size(), "the CD-ROM is not a disk: " + g.disks());
        GuestDisk vda = g.disks().get(0);
        assertEquals("vda", vda.slot());
        assertEquals(GuestDisk.Kind.ZVOL, vda.kind());
        assertEquals(ZVOL, vda.zvolName());
        GuestDisk vdb = g.disks().get(1);
        assertEquals(GuestDisk.Kind.IMAGE, vdb.kind());
        assertEquals(SCRATCH, vdb.path());
        assertEquals("qemu", g.libvirt().domain().domainType());
    }

    @Test
    @Order(2)
    void startedFromTheViewModelItsRunningDiskRefusesRollbackDestroyAndShowsThroughput() throws Exception {
        RecordingNotifications notes = new RecordingNotifications();
        VmsViewModel vm = vms(notes);
        Guest g = vm.find(NAME);
        assertNotNull(g, "the VMs view lists the libvirt guest");
        AtomicReference<StartCheck> check = new AtomicReference<>();
        vm.prepareStart(g, check::set);
        assertNotNull(check.get().start(), "preflight passes: " + check.get().problems());
        assertEquals(List.of(List.of("virsh", "--quiet", "-c", "qemu:///system", "start", "--domain", uuid)),
                check.get().start().plan().commands().stream().map(Command::argv).toList());
        vm.run(check.get().start());
        assertEquals(LibvirtState.RUNNING, host.libvirt().state(uuid), notes.toString());
        assertEquals(GuestState.RUNNING, vm.find(NAME).state());

        GuestZvolUsage usage = new GuestZvolUsage(GuestHosts.fixed(host), tb.runner());
        assertEquals("VM " + NAME + " (running)", usage.usedBy(ZVOL).orElseThrow(), "a rollback is refused");
        List<DiskUsers.User> users = new GuestDiskUsers(GuestHosts.fixed(host), tb::runner).using(List.of(ZVOL));
        assertEquals(List.of(new DiskUsers.User(NAME, ZVOL, true)), users, "a destroy is refused");

        // SeaBIOS reads the boot sector of vda: its counters move, as the Throughput view samples them
        DomainStats stats = null;
        for (int i = 0; i < 30; i++) {
            stats = host.libvirt().blockStats().stream().filter(s -> s.name().equals(NAME)).findFirst().orElseThrow();
            if (stats.blocks().get(0).readBytes() > 0) {
                break;
            }
            Thread.sleep(1000);
        }
        DomainStats.Block vda = stats.blocks().get(0);
        assertEquals("vda", vda.name());
        assertEquals(DEV, vda.path());
        assertTrue(vda.readBytes() > 0 && vda.readRequests() > 0, vda.toString());

        // no OS answers the ACPI button: the service forces it off after the grace period
        assertEquals(LibvirtService.ShutdownOutcome.FORCED, host.libvirt().shutdown(uuid, Duration.ofSeconds(3), TaskContext.NONE));
        assertEquals(LibvirtState.SHUT_OFF, host.libvirt().state(uuid));
        vm.refresh();
        vm.run(check.get().start());
        assertEquals(LibvirtState.RUNNING, host.libvirt().state(uuid));
        vm.run(vm.preparePowerOff(vm.find(NAME)));
        assertEquals(LibvirtState.SHUT_OFF, host.libvirt().state(uuid), notes.toString());
        assertTrue(usage.usedBy(ZVOL).isEmpty(), "a stopped guest holds nothing");
    }

    @Test
    @Order(3)
    void aRepointUndoneGivesBackTheDefinitionByteForByte() throws Exception {
        String before = host.libvirt().inactiveXml(uuid);
        VirshGuest control = new VirshGuest(host.libvirt(), uuid, NAME, "vda", DEV, Duration.ofSeconds(3));
        control.attach("/dev/zvol/ldst/elsewhere");
        assertEquals("/dev/zvol/ldst/elsewhere", DomainXml.blockSource(host.libvirt().inactiveXml(uuid), "vda"));
        control.detach("/dev/zvol/ldst/elsewhere");
        assertEquals(before, host.libvirt().inactiveXml(uuid));
    }

    @Test
    @Order(4)
    void theRunningGuestMovesToAnotherPoolReDefinedAndRunningAgain() throws Exception {
        host.libvirt().startWithoutPreflight(uuid);
        Guest g = guest();
        assertEquals(GuestState.RUNNING, g.state());
        GuestRef ref = MigrationSource.of(g, g.disks().get(0)).guest();
        assertEquals(GuestRef.Hypervisor.LIBVIRT, ref.hypervisor());
        assertTrue(ref.wasRunning());
        MigrationTools tools = MigrationTools.of("testbed", host, new MigrationStore(dir), Duration.ofSeconds(3));
        MigrationRecord plan = tools.planner().plan(MigrationRequest.of(ZVOL, "ldst/vm", MigrationOptions.safeDefaults(), ref));
        String review = plan.steps().toString();
        assertTrue(review.contains("virsh --quiet -c qemu:///system define --file /dev/stdin"), review);
        Migration m = new Migration(plan, tools.store());
        long t0 = System.nanoTime();
        MigrationState end = tools.engine((s, p) -> { }).run(m, TaskContext.NONE);
        assertEquals(MigrationState.SUCCEEDED, end, m.record().error() + "\n" + m.record().stateReport());
        System.err.printf("[libvirt] migration took %.1f s, downtime %.2f s%n", (System.nanoTime() - t0) / 1e9,
                m.record().downtime().orElseThrow().toMillis() / 1000.0);
        m.record().steps().forEach(st -> System.err.printf("[libvirt]   %-16s %6.1f s%n", st.kind(),
                st.started() == null || st.finished() == null ? 0 : Duration.between(st.started(), st.finished()).toMillis() / 1000.0));

        assertEquals(LibvirtState.RUNNING, host.libvirt().state(uuid), "the guest runs again");
        assertEquals(MOVED_DEV, DomainXml.blockSource(host.libvirt().inactiveXml(uuid), "vda"), "the definition is re-pointed");
        Guest moved = guest();
        assertEquals(MOVED, moved.disks().get(0).zvolName());
        host.libvirt().forceOff(uuid);
        assertEquals(original, tb.sha256(MOVED_DEV, 8), "the data is identical");
        assertTrue(zfs.snapshots(MOVED).stream().anyMatch(s -> s.name().equals(MOVED + "@installed")), "history carried");
    }

}
