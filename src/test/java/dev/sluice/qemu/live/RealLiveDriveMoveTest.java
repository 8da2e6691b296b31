package dev.sluice.qemu.live;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sluice.host.CommandJournal;
import dev.sluice.host.Elevation;
import dev.sluice.host.Host;
import dev.sluice.host.ProcessCommandRunner;
import dev.sluice.qemu.Accel;
import dev.sluice.qemu.QemuDrive;
import dev.sluice.qemu.QemuRunPaths;
import dev.sluice.qemu.QemuVmDefinition;
import dev.sluice.qemu.QemuVmService;
import dev.sluice.qemu.QemuVmStore;
import dev.sluice.qemu.QmpConnector;
import dev.sluice.qemu.preflight.PathProbe;
import dev.sluice.qemu.preflight.Preflight;
import dev.sluice.qemu.qmp.QmpClient;
import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The QMP sequence against the real qemu-system-x86_64 (TCG, firmware only) with plain raw files standing in for
 * zvols: a copy of the source file plays the ZFS seed, {@code qemu-io} writes play the guest.
 */
class RealLiveDriveMoveTest {
    @TempDir
    Path tmp;

    private final ProcessCommandRunner runner = ProcessCommandRunner.local(Host.local(Elevation.NONE), new CommandJournal());
    private QemuVmService qemu;
    private Path src;
    private Path dst;

    @org.junit.jupiter.api.BeforeAll
    static void english() {
        dev.sluice.ui.common.I18n.setLocale(java.util.Locale.ROOT);
    }

    @BeforeEach
    void vm() throws Exception {
        src = tmp.resolve("src.raw");
        dst = tmp.resolve("dst.raw");
        try (RandomAccessFile f = new RandomAccessFile(src.toFile(), "rw")) {
            f.setLength(16L << 20);
        }
        QemuVmStore store = new QemuVmStore(tmp.resolve("config"));
        store.save(new QemuVmDefinition("live", 1, 64, List.of(QemuDrive.image(src.toString(), QemuDrive.Format.RAW)),
                QemuVmDefinition.Nic.NONE, QemuVmDefinition.Display.none()));
        qemu = new QemuVmService(runner, store, new QemuRunPaths(tmp.resolve("run").toString()),
                new Preflight(new PathProbe(runner), d -> Optional.empty(), p -> 16L << 20), QmpConnector.local(), Accel.TCG);
        qemu.start("live");
    }

    @AfterEach
    void kill() {
        try {
            qemu.powerOff("live");
        } catch (Exception ignored) {
            // already gone
        }
    }

    private void write(QmpClient q, int pattern, long offset) throws Exception {
        q.execute("human-monitor-command", Map.of("command-line",
                String.format("qemu-io drive0 \"write -P 0x%02x %d 65536\"", pattern, offset)));
    }

    @Test
    void writesBeforeDuringAndAfterTheCopyAllLandOnTheTarget() throws Exception {
        QmpClient q = qemu.session("live");
        assertTrue(LiveSupport.probe(q).possible());
        LiveDriveMove move = new LiveDriveMove(q, "drive0", "sluice-t1");
        write(q, 0x11, 0);
        move.startTracking();
        write(q, 0x22, 1 << 20);
        Files.copy(src, dst, StandardCopyOption.REPLACE_EXISTING); // the seed
        for (int i = 0; i < 80; i++) {
            write(q, 0x33, (2L << 20) + i * 65536L); // 5 MiB: more than one round
        }
        LivePause p = move.copyChanges(dst.toString(), "threads", b -> { }, () -> false);
        assertTrue(p.rounds() >= 1, p.toString());
        assertTrue(p.paused().toMillis() < 1000, p.toString());
        write(q, 0x44, 12L << 20); // while mirroring
        move.pivot();
        assertTrue(move.onTarget());
        write(q, 0x55, 13L << 20); // after the pivot: the target only
        assertEquals(Map.of(), move.bitmaps());

        byte[] want = Files.readAllBytes(src);
        java.util.Arrays.fill(want, 13 << 20, (13 << 20) + 65536, (byte) 0x55);
        assertArrayEquals(want, Files.readAllBytes(dst));
    }

    @Test
    void anAbortBeforeThePivotLeavesTheGuestOnItsSource() throws Exception {
        QmpClient q = qemu.session("live");
        LiveDriveMove move = new LiveDriveMove(q, "drive0", "sluice-t2");
        move.startTracking();
        Files.copy(src, dst, StandardCopyOption.REPLACE_EXISTING);
        write(q, 0x66, 0);
        move.copyChanges(dst.toString(), "threads", b -> { }, () -> false);
        move.abort();
        assertFalse(move.onTarget());
        assertFalse(move.mirroring());
        assertEquals(Map.of(), move.bitmaps());
        write(q, 0x77, 65536);
        assertEquals((byte) 0x77, Files.readAllBytes(src)[65536]);
        assertEquals(0, Files.readAllBytes(dst)[65536]);
        assertEquals("running", q.execute("query-status").path("status").asText());
        LiveMoveException e = assertThrows(LiveMoveException.class, move::pivot);
        assertEquals(LiveMoveException.Kind.NO_MIRROR, e.kind());
    }

    @Test
    void lostTrackingIsSaidAndChangesNothing() throws Exception {
        QmpClient q = qemu.session("live");
        LiveDriveMove move = new LiveDriveMove(q, "drive0", "sluice-t3");
        LiveMoveException e = assertThrows(LiveMoveException.class,
                () -> move.copyChanges(dst.toString(), "threads", b -> { }, () -> false));
        assertEquals(LiveMoveException.Kind.TRACKING_LOST, e.kind());
        assertFalse(move.onTarget());
    }

    @Test
    void aMoveCutShortIsFinishedOrUndoneByTheNextSluice() throws Exception {
        QmpClient q = qemu.session("live");
        LiveDriveMove first = new LiveDriveMove(q, "drive0", "sluice-t4");
        first.startTracking();
        Files.copy(src, dst, StandardCopyOption.REPLACE_EXISTING);
        write(q, 0x12, 0);
        // killed mid-round: a second bitmap was added and the first not yet removed
        q.execute("block-dirty-bitmap-add", Map.of("node", "drive0", "name", "sluice-t4-dirty1", "persistent", false));
        write(q, 0x13, 1 << 20);
        LiveDriveMove again = new LiveDriveMove(q, "drive0", "sluice-t4");
        again.copyChanges(dst.toString(), "threads", b -> { }, () -> false);
        again.pivot();
        byte[] want = Files.readAllBytes(src);
        assertArrayEquals(want, Files.readAllBytes(dst));
    }

    @Test
    void aGuestLeftPausedByAKilledSluiceRunsAgainAfterTheRollBack() throws Exception {
        QmpClient q = qemu.session("live");
        LiveDriveMove first = new LiveDriveMove(q, "drive0", "sluice-t5");
        first.startTracking();
        q.execute("stop"); // killed inside the pause
        new LiveDriveMove(q, "drive0", "sluice-t5").abort(true);
        assertEquals("running", q.execute("query-status").path("status").asText());
        assertEquals(Map.of(), first.bitmaps());
    }

    @Test
    void aWriteThatIsNotTheGuestsDuringThePauseIsCaughtAndTheRoundRepeated() throws Exception {
        QmpClient q = qemu.session("live");
        LiveDriveMove move = new LiveDriveMove(q, "drive0", "sluice-t6");
        move.startTracking();
        Files.copy(src, dst, StandardCopyOption.REPLACE_EXISTING);
        write(q, 0x21, 0);
        java.util.concurrent.atomic.AtomicBoolean once = new java.util.concurrent.atomic.AtomicBoolean();
        q.addEventListener(e -> {
            if (e.name().equals("STOP") && once.compareAndSet(false, true)) {
                try {
                    // a monitor write while the CPUs stand still: it lands after the last copy began, before the mirror
                    q.submit("human-monitor-command", Map.of("command-line", "qemu-io drive0 \"write -P 0x5e 2097152 65536\""));
                } catch (Exception ignored) {
                    // the test then fails on the data
                }
            }
        });
        LivePause p = move.copyChanges(dst.toString(), "threads", b -> { }, () -> false);
        move.pivot();
        assertArrayEquals(Files.readAllBytes(src), Files.readAllBytes(dst), p.toString());
        assertEquals((byte) 0x5e, Files.readAllBytes(dst)[2 << 20]);
        // where the write lands in the pause's command sequence depends on timing: before the bitmap is frozen it
        // makes the paused round run twice; after the mirror started, the mirror carries it. Either way, nothing lost
        assertTrue(p.rounds() == 1 || p.rounds() == 2, p.toString());
    }

    @Test
    void aTargetDeviceThatNeverAppearsIsSaidAndTheGuestStaysOnItsSource() throws Exception {
        QmpClient q = qemu.session("live");
        LiveDriveMove move = new LiveDriveMove(q, "drive0", "sluice-t7");
        move.startTracking();
        LiveMoveException e = assertThrows(LiveMoveException.class,
                () -> move.copyChanges(tmp.resolve("never-there.raw").toString(), "threads", b -> { }, () -> false));
        assertEquals(LiveMoveException.Kind.NO_TARGET_DEVICE, e.kind());
        assertEquals(dev.sluice.migrate.MigrationText.t("migrate.live.error.NO_TARGET_DEVICE", "QEMU VM live", e.detail()),
                "The new disk's device " + tmp.resolve("never-there.raw") + " did not appear, so QEMU cannot open it for QEMU VM live. "
                        + "If the copy is encrypted and was sent raw, load its key (zfs load-key) and move again; otherwise check "
                        + "that udev runs. The guest still runs on its source.");
        move.abort();
        assertFalse(move.onTarget());
        assertEquals("running", q.execute("query-status").path("status").asText());
    }
}
