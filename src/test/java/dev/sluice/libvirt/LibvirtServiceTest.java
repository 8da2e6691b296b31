package dev.sluice.libvirt;

import static dev.sluice.libvirt.DomainXmlTest.fixture;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sluice.guest.GuestDisk;
import dev.sluice.host.Command;
import dev.sluice.host.testing.ScriptedRunner;
import dev.sluice.qemu.preflight.DiskBacking;
import dev.sluice.task.TaskContext;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The service on real virsh 9.0 outputs captured in the OpenZFS 2.3 testbed guest (fixtures/libvirt-9.0). */
class LibvirtServiceTest {
    private static final String UUID = uuidOf(fixture("dumpxml-web-shutoff.xml"));

    private ScriptedRunner r;
    private LibvirtService libvirt;

    private static String uuidOf(String xml) {
        try {
            return DomainXml.parse(xml).uuid();
        } catch (LibvirtException e) {
            throw new AssertionError(e);
        }
    }

    private static List<String> virsh(String... args) {
        List<String> a = new java.util.ArrayList<>(List.of("virsh", "--quiet", "-c", "qemu:///system"));
        a.addAll(List.of(args));
        return a;
    }

    @BeforeEach
    void host() {
        Locale.setDefault(Locale.ROOT);
        r = new ScriptedRunner();
        r.on(virsh("domstats", "--state").toArray(String[]::new)).stdout(fixture("domstats-state-running.txt"));
        r.on(virsh("list", "--all", "--transient", "--name").toArray(String[]::new)).stdout(fixture("list-transient.txt"));
        r.on(virsh("dumpxml", "--domain", "web 1").toArray(String[]::new)).stdout(fixture("dumpxml-web-running.xml"));
        r.on(virsh("dumpxml", "--domain", "transient-1").toArray(String[]::new)).stdout(fixture("dumpxml-transient.xml"));
        libvirt = new LibvirtService(r, null, d -> { });
    }

    @Test
    void listsEveryGuestWithStateDisksAndWhetherItIsPersistent() throws Exception {
        List<LibvirtGuest> all = libvirt.list();
        assertEquals(2, all.size());
        LibvirtGuest web = all.stream().filter(g -> g.domain().name().equals("web 1")).findFirst().orElseThrow();
        assertEquals(LibvirtState.RUNNING, web.state());
        assertTrue(web.persistent());
        assertEquals(UUID, web.domain().uuid());
        List<LibvirtDisk> disks = web.domain().disks();
        assertEquals(List.of("vda", "vdb", "sdb", "hdc"), disks.stream().map(LibvirtDisk::target).toList());
        assertEquals("/dev/zvol/cap/vm/web+disk", disks.get(0).hostPath());
        assertEquals(LibvirtDisk.SourceType.FILE, disks.get(1).type());
        assertTrue(disks.get(2).readOnly());
        assertFalse(disks.get(3).isDisk(), "the CD-ROM");
        LibvirtGuest transientOne = all.stream().filter(g -> g.domain().name().equals("transient-1")).findFirst().orElseThrow();
        assertFalse(transientOne.persistent());
    }

    @Test
    void theStatesOfAShutOffAndARunningHostAreRead() throws Exception {
        assertEquals(List.of(LibvirtState.SHUT_OFF),
                DomainStats.parse(fixture("domstats-state-shutoff.txt")).stream().map(DomainStats::state).toList());
        assertEquals(LibvirtState.SHUT_OFF, DomainStats.parse(fixture("domstats-state-one.txt")).get(0).state());
    }

    @Test
    void driveCountersOfRunningGuests() throws Exception {
        List<DomainStats> stats = DomainStats.parse(fixture("domstats-block-active.txt"));
        DomainStats web = stats.stream().filter(s -> s.name().equals("web 1")).findFirst().orElseThrow();
        assertEquals(List.of("vda", "vdb", "sdb", "hdc"), web.blocks().stream().map(DomainStats.Block::name).toList());
        assertEquals("/dev/zvol/cap/vm/web+disk", web.blocks().get(0).path());
        assertTrue(web.blocks().get(0).readBytes() > 0, web.blocks().get(0).toString());
    }

    @Test
    void realErrorsAreReadForWhatTheyMean() {
        assertEquals(LibvirtException.Kind.NOT_RUNNING, LibvirtException.classify("x", "web 1", fixture("shutdown-not-running.stderr")).kind());
        assertEquals(LibvirtException.Kind.NOT_RUNNING, LibvirtException.classify("x", "web 1", fixture("destroy-not-running.stderr")).kind());
        assertEquals(LibvirtException.Kind.DOMAIN_NOT_FOUND, LibvirtException.classify("x", "nope", fixture("dumpxml-not-found.stderr")).kind());
        assertEquals(LibvirtException.Kind.ALREADY_RUNNING,
                LibvirtException.classify("x", "web 1", fixture("start-already-running.stderr")).kind());
        assertEquals(LibvirtException.Kind.STORAGE, LibvirtException.classify("x", "web 1", fixture("start-zvol-gone.stderr")).kind());
        assertEquals(LibvirtException.Kind.DENIED, LibvirtException.classify("x", "libvirt", fixture("domstats-denied.stderr")).kind());
        assertEquals(LibvirtException.Kind.DAEMON_DOWN, LibvirtException.classify("x", "libvirt", fixture("uri-daemon-down.stderr")).kind());
        LibvirtException qemuDenied = LibvirtException.classify("start the guest", "web 1", "error: Failed to start domain 'web 1'\n"
                + "error: internal error: process exited while connecting to monitor: 2026-12-03T12:00:00.000000Z qemu-system-x86_64: "
                + "-blockdev {...}: Could not open '/dev/zvol/cap/vm/web+disk': Permission denied\n");
        assertTrue(qemuDenied.getMessage().contains("dynamic_ownership"), qemuDenied.getMessage());
        LibvirtException denied = LibvirtException.classify("list the libvirt guests", "libvirt", fixture("domstats-denied.stderr"));
        assertTrue(denied.getMessage().contains("usermod -aG libvirt"), denied.getMessage());
    }

    @Test
    void aGuestThatIgnoresAcpiIsForcedOffAfterTheGracePeriod() throws Exception {
        r.on(virsh("domstats", "--state", UUID).toArray(String[]::new)).stdout(fixture("domstats-state-running.txt")
                .replaceAll("(?s)Domain: 'transient-1'.*", ""));
        r.on(virsh("shutdown", "--domain", UUID, "--mode", "acpi").toArray(String[]::new)).ok();
        r.on(virsh("destroy", "--domain", UUID).toArray(String[]::new)).ok();
        assertEquals(LibvirtService.ShutdownOutcome.FORCED, libvirt.shutdown(UUID, Duration.ZERO, TaskContext.NONE));
        assertTrue(r.ran().stream().map(Command::argv).anyMatch(virsh("destroy", "--domain", UUID)::equals));
    }

    @Test
    void repointDefinesTheChangedDefinitionFromStdinAndReadsItBack() throws Exception {
        String before = fixture("dumpxml-inactive-web.xml");
        String after = DomainXml.repoint(before, "vda", "/dev/zvol/cap/vm/web+disk", "/dev/zvol/fast/vm/web+disk");
        java.util.concurrent.atomic.AtomicReference<String> defined = new java.util.concurrent.atomic.AtomicReference<>();
        r.on(virsh("dumpxml", "--inactive", "--domain", UUID).toArray(String[]::new)).answer(c -> new ScriptedRunner.Answer(0,
                defined.get() == null ? before : after, "", List.of(), null));
        r.on(virsh("define", "--file", "/dev/stdin").toArray(String[]::new)).answer(c -> {
            defined.set(new String(c.stdin(), StandardCharsets.UTF_8));
            return new ScriptedRunner.Answer(0, "Domain 'web 1' defined from /dev/stdin\n", "", List.of(), null);
        });
        String now = libvirt.repoint(UUID, "web 1", "vda", "/dev/zvol/cap/vm/web+disk", "/dev/zvol/fast/vm/web+disk");
        assertEquals("/dev/zvol/fast/vm/web+disk", DomainXml.blockSource(defined.get(), "vda"));
        assertEquals(after, now);
    }

    @Test
    void aTransientGuestIsNotRedefined() {
        r.on(virsh("dumpxml", "--inactive", "--domain", UUID).toArray(String[]::new)).stdout(fixture("dumpxml-inactive-web.xml"));
        r.on(virsh("list", "--all", "--transient", "--name").toArray(String[]::new)).stdout("web 1\n\n");
        LibvirtException e = assertThrows(LibvirtException.class,
                () -> libvirt.repoint(UUID, "web 1", "vda", "/dev/zvol/cap/vm/web+disk", "/dev/zvol/fast/vm/web+disk"));
        assertEquals(LibvirtException.Kind.TRANSIENT, e.kind());
        assertFalse(r.ran().stream().anyMatch(c -> c.argv().contains("define")));
    }

    @Test
    void preflightChecksTheZvolsAndImagesButNotTheCdrom() throws Exception {
        List<DiskBacking> b = LibvirtService.backings(DomainXml.parse(fixture("dumpxml-web-shutoff.xml")));
        assertEquals(List.of("vda", "vdb", "sdb"), b.stream().map(DiskBacking::label).toList());
        assertEquals(DiskBacking.Kind.ZVOL, b.get(0).kind());
        assertEquals(DiskBacking.Kind.IMAGE, b.get(1).kind());
        assertTrue(b.get(2).readOnly());
    }

    @Test
    void theInventoryMakesEachDiskAGuestDisk() throws Exception {
        LibvirtGuest web = libvirt.list().stream().filter(g -> g.domain().name().equals("web 1")).findFirst().orElseThrow();
        List<GuestDisk> disks = dev.sluice.guest.GuestInventoryAccess.libvirt(web).disks();
        assertEquals(3, disks.size());
        assertEquals("cap/vm/web disk", disks.get(0).zvolName());
        assertEquals(GuestDisk.Kind.IMAGE, disks.get(1).kind());
        assertEquals("cap/vm/data", disks.get(2).zvolName());
    }

}
