package dev.sluice.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sluice.testbed.Testbed;
import dev.sluice.testbed.TestbedExtension;
import dev.sluice.zfs.Health;
import dev.sluice.zfs.ZfsCommandException;
import dev.sluice.zfs.ZfsException;
import dev.sluice.zfs.ZfsService;
import java.util.Map;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Pool I/O suspended, for real: the pool's only vdev is a file on an 80 MiB tmpfs, so writing
 * 150 MiB makes the vdev fail with ENOSPC and ZFS (failmode=wait) suspends the pool. Growing the
 * tmpfs and {@code zpool clear} bring it back, so the guest stays usable for other tests.
 */
@Tag("testbed")
@ExtendWith(TestbedExtension.class)
class SuspendedPoolIT {

    @Test
    void aSuspendedPoolIsReportedAndCommandsSayIoIsSuspended(Testbed tb) throws Exception {
        ZfsService zfs = new ZfsService(tb.runner());
        tb.sh("if zpool list -H frail >/dev/null 2>&1; then zpool destroy -f frail; fi;"
                + " umount /mnt/frail 2>/dev/null; mkdir -p /mnt/frail && mount -t tmpfs -o size=80M tmpfs /mnt/frail"
                + " && truncate -s 256M /mnt/frail/vdev.img && zpool create -o failmode=wait frail /mnt/frail/vdev.img"
                + " && zfs create -o compression=off frail/fs");
        try {
            // the writer blocks in the kernel once the pool suspends: run it detached
            tb.sh("setsid dd if=/dev/urandom of=/frail/fs/big bs=1M count=150 conv=fsync >/dev/null 2>&1 </dev/null &"
                    + " echo $! > /run/frail-writer.pid; i=0; until [ \"$(zpool list -Ho health frail)\" = SUSPENDED ]; do i=$((i+1)); [ $i -gt 600 ] && exit 1; sleep 0.2; done");
            assertEquals(Health.SUSPENDED, zfs.pools().stream().filter(p -> p.name().equals("frail"))
                    .findFirst().orElseThrow().health());
            ZfsCommandException e = assertThrows(ZfsCommandException.class, () -> zfs.createDataset("frail/more", Map.of()));
            assertEquals(ZfsException.Kind.POOL_IO_SUSPENDED, e.kind(), e.getMessage() + "\nstderr: " + e.stderr());
            assertTrue(e.getMessage().contains("frail"), e.getMessage());
        } finally {
            tb.sh("mount -o remount,size=400M /mnt/frail && zpool clear frail;"
                    + " if [ -f /run/frail-writer.pid ]; then p=$(cat /run/frail-writer.pid); kill $p 2>/dev/null;"
                    + " while kill -0 $p 2>/dev/null; do sleep 0.2; done; fi;"
                    + " zpool destroy -f frail && umount /mnt/frail");
        }
    }
}
