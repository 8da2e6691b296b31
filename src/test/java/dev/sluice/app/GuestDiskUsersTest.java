package dev.sluice.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sluice.guest.GuestInventory;
import dev.sluice.ui.vms.GuestTestHost;
import dev.sluice.ui.volumes.DiskUsers;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The Volumes view's destroy asks the host's whole VM inventory, powered-off VMs included, who has a disk on a zvol. */
class GuestDiskUsersTest {

    @Test
    void everyVmWithADiskOnTheZvolsRunningOrNot(@TempDir Path tmp) throws Exception {
        GuestTestHost t = new GuestTestHost(tmp);
        GuestDiskUsers users = new GuestDiskUsers(r -> t.guests, () -> t.host);
        List<DiskUsers.User> expected = GuestInventory.read(t.guests).guests().stream()
                .flatMap(g -> g.disks().stream().flatMap(d -> d.zvol().stream())
                        .map(z -> new DiskUsers.User(g.name(), z, g.state().canStop())))
                .toList();
        assertTrue(expected.stream().anyMatch(DiskUsers.User::running), "the demo host has a running VM on a zvol");
        assertTrue(expected.stream().anyMatch(u -> !u.running()), "and a powered-off one");

        List<String> zvols = expected.stream().map(DiskUsers.User::zvol).distinct().toList();
        assertEquals(expected, users.using(zvols));
        DiskUsers.User one = expected.get(0);
        assertEquals(expected.stream().filter(u -> u.zvol().equals(one.zvol())).toList(), users.using(List.of(one.zvol())));
        assertTrue(users.using(List.of("tank/not-a-vm-disk")).isEmpty());
        assertFalse(users.using(zvols).isEmpty());
    }

    @Test
    void libvirtRefusingTheUserRefusesTheDestroyAndTheRollbackCheck(@TempDir Path tmp) throws Exception {
        GuestTestHost t = new GuestTestHost(tmp);
        // the real virsh 9.0 error for a user outside the libvirt group (captured in the 2.3 testbed)
        t.host.onPrefix("virsh").fail(1, HostProbeFixtures.libvirt("domstats-denied.stderr"));
        GuestDiskUsers users = new GuestDiskUsers(r -> t.guests, () -> t.host);
        Exception e = org.junit.jupiter.api.Assertions.assertThrows(Exception.class, () -> users.using(List.of("tank/vm/web")));
        assertTrue(e.getMessage().contains("libvirt group"), e.getMessage());
        GuestZvolUsage usage = new GuestZvolUsage(r -> t.guests, t.host);
        Exception rollback = org.junit.jupiter.api.Assertions.assertThrows(Exception.class, () -> usage.usedBy("tank/vm/web"));
        assertTrue(rollback.getMessage().startsWith("Not rolled back"), rollback.getMessage());
    }

    @Test
    void libvirtWithoutItsDaemonHasNoGuestsAndRefusesNothing(@TempDir Path tmp) throws Exception {
        GuestTestHost t = new GuestTestHost(tmp);
        t.host.onPrefix("virsh").fail(1, HostProbeFixtures.libvirt("uri-daemon-down.stderr"));
        GuestDiskUsers users = new GuestDiskUsers(r -> t.guests, () -> t.host);
        assertTrue(users.using(List.of("tank/not-a-vm-disk")).isEmpty());
        assertEquals(null, GuestInventory.read(t.guests).libvirtShown(), "no banner on a host without a libvirt daemon");
    }
}
