package dev.sluice.guest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sluice.qemu.preflight.ZvolFacts;
import dev.sluice.ui.vms.GuestTestHost;
import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Preflight's ZvolLookup answered by the ZFS service (zfs list -Hp of the one dataset). */
class ZfsZvolLookupTest {
    @TempDir
    Path tmp;

    @Test
    void readsVolsizeAndKeyStatusOfTheZvolBehindADevicePath() throws Exception {
        GuestTestHost t = new GuestTestHost(tmp);
        ZfsZvolLookup lookup = new ZfsZvolLookup(t.guests.zfs());
        assertEquals(Optional.of(new ZvolFacts("tank/secure/ledger-disk0", 256 * GuestTestHost.G, ZvolFacts.KeyStatus.UNAVAILABLE, "tank/secure")),
                lookup.zvol("/dev/zvol/tank/secure/ledger-disk0"));
        assertEquals(Optional.of(new ZvolFacts("fast/vm/pfsense-disk0", 16 * GuestTestHost.G, ZvolFacts.KeyStatus.NONE, null)),
                lookup.zvol("/dev/zvol/fast/vm/pfsense-disk0"));
        assertTrue(lookup.zvol(GuestTestHost.MOVED_DEVICE).isEmpty(), "a zvol that is gone");
        assertTrue(lookup.zvol("/dev/zvol/fast/vm").isEmpty(), "a filesystem is not a zvol");
        assertTrue(lookup.zvol("/srv/images/x.qcow2").isEmpty(), "not a zvol path: nothing asked");
    }
}
