package dev.sluice.qemu;

import dev.sluice.testing.Fixtures;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sluice.host.testing.ScriptedRunner;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Argv and error mapping, with captured qemu-img stderr. */
class QemuImgTest {

    @Test
    void createIsSparseUnlessAskedOtherwise() {
        assertEquals(List.of("qemu-img", "create", "-f", "qcow2", "/i/a.qcow2", "1073741824"),
                QemuImg.createCommand("/i/a.qcow2", ImageFormat.QCOW2, 1L << 30, Preallocation.OFF).argv());
        assertEquals(List.of("qemu-img", "create", "-f", "raw", "-o", "preallocation=falloc", "/i/a.img", "4096"),
                QemuImg.createCommand("/i/a.img", ImageFormat.RAW, 4096, Preallocation.FALLOC).argv());
    }

    @Test
    void importWritesRawOntoTheExistingZvolAndKeepsItThin() {
        var c = QemuImg.importCommand("/i/a.qcow2", "qcow2", "/dev/zvol/tank/vm/a", true);
        assertEquals(List.of("qemu-img", "convert", "-p", "-n", "--target-is-zero", "-f", "qcow2", "-O", "raw",
                "/i/a.qcow2", "/dev/zvol/tank/vm/a"), c.argv());
        assertTrue(c.needsRoot());
        assertEquals(List.of("qemu-img", "convert", "-p", "-f", "raw", "-O", "vdi", "/dev/zvol/tank/vm/a", "/i/a.vdi"),
                QemuImg.exportCommand("/dev/zvol/tank/vm/a", "/i/a.vdi", ImageFormat.VDI).argv());
    }

    @Test
    void lockedImageSaysWhichVmToStop() {
        ScriptedRunner r = new ScriptedRunner();
        r.onPrefix("qemu-img", "info").stdout(Fixtures.read("qemu/qemu-img-info-raw.json"));
        r.onPrefix("qemu-img", "resize").fail(1, Fixtures.read("qemu/qemu-img-resize-locked.stderr"));
        var e = org.junit.jupiter.api.Assertions.assertThrows(QemuImgException.class,
                () -> new QemuImg(r).resize("/i/d.qcow2", 80L << 20, false));
        assertInstanceOf(QemuImgException.InUse.class, e);
        assertEquals("The image /i/d.qcow2 is in use by another process (a running VM holds its write lock). "
                + "Stop the VM that uses it, then try again.", e.getMessage());
    }

    @Test
    void shrinkAndMissingAreTyped() {
        assertInstanceOf(QemuImgException.ShrinkRefused.class,
                QemuImgException.classify("Resizing", "/i/d.qcow2", Fixtures.read("qemu/qemu-img-resize-shrink.stderr")));
        QemuImgException missing = QemuImgException.classify("Reading", "/i/nothere.qcow2", Fixtures.read("qemu/qemu-img-info-missing.stderr"));
        assertInstanceOf(QemuImgException.NotFound.class, missing);
        assertEquals("The image /i/nothere.qcow2 does not exist. Check the path, or refresh the image library if it was moved or deleted.",
                missing.getMessage());
    }

    @Test
    void convertReportsProgressInBytes() throws Exception {
        ScriptedRunner r = new ScriptedRunner();
        r.onPrefix("qemu-img", "info").stdout(Fixtures.read("qemu/qemu-img-info-raw.json"));
        r.onPrefix("qemu-img", "convert").answer(c -> new ScriptedRunner.Answer(0,
                "    (0.00/100%)\n    (50.00/100%)\n    (100.00/100%)\n", "", List.of(), null));
        r.onPrefix("stat", "-c", "%F").fail(1, "stat: cannot statx '/i/r.qcow2': No such file or directory\n");
        r.onPrefix("mkdir").ok();
        r.onPrefix("ln").ok();
        r.onPrefix("rm").ok();
        r.onPrefix("rmdir").ok();
        RecordingContext ctx = new RecordingContext();
        ImageTarget target = ImageTarget.in("/i", "r.qcow2", false);
        new QemuImg(r).convert("/i/r.img", target, ImageFormat.QCOW2, ctx);
        assertEquals(List.of(0L, 5242880L, 10485760L), ctx.done());
        String stage = target.stageDir();
        assertEquals(List.of(
                List.of("qemu-img", "info", "-U", "--output=json", "--backing-chain", "/i/r.img"),
                List.of("stat", "-c", "%F", "--", "/i/r.qcow2"),
                List.of("mkdir", "-m", "0700", "--", stage),
                List.of("qemu-img", "convert", "-p", "-f", "raw", "-O", "qcow2", "/i/r.img", stage + "/r.qcow2"),
                List.of("ln", "-T", "--", stage + "/r.qcow2", "/i/r.qcow2"),
                List.of("rm", "-f", "--", stage + "/r.qcow2"),
                List.of("rmdir", "--", stage)), r.ranArgv());
    }
}
