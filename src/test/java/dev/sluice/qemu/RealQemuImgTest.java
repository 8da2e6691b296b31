package dev.sluice.qemu;

import dev.sluice.testing.Fixtures;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sluice.host.Command;
import dev.sluice.host.CommandJournal;
import dev.sluice.host.Elevation;
import dev.sluice.host.Host;
import dev.sluice.host.ProcessCommandRunner;
import dev.sluice.vbox.RawVmdkDescriptor;
import dev.sluice.vbox.VBoxService;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Real qemu-img: create, convert with progress, resize, import/export to a raw "device", VMDK read-back. */
class RealQemuImgTest {
    @TempDir
    Path tmp;

    private final ProcessCommandRunner runner = ProcessCommandRunner.local(Host.local(Elevation.NONE), new CommandJournal());
    private final QemuImg img = new QemuImg(runner);

    @Test
    void createIsSparseAndPreallocationIsSelectable() throws Exception {
        Path sparse = tmp.resolve("sparse.img");
        Path full = tmp.resolve("full.img");
        img.create(sparse.toString(), ImageFormat.RAW, 32L << 20, Preallocation.OFF);
        img.create(full.toString(), ImageFormat.RAW, 32L << 20, Preallocation.FULL);
        ImageInfo s = img.info(sparse.toString());
        ImageInfo f = img.info(full.toString());
        assertEquals(32L << 20, s.virtualSize());
        assertTrue(s.actualSize() < (1L << 20), "sparse: " + s.actualSize());
        assertTrue(f.actualSize() >= (32L << 20), "full: " + f.actualSize());
    }

    @Test
    void convertReportsProgressAndResizeGrows() throws Exception {
        Path src = tmp.resolve("src.img");
        byte[] data = new byte[8 << 20];
        new Random(7).nextBytes(data);
        Files.write(src, data);
        RecordingContext ctx = new RecordingContext();
        Path dst = tmp.resolve("dst.qcow2");
        img.convert(src.toString(), dst.toString(), ImageFormat.QCOW2, ctx);
        assertFalse(ctx.reports().isEmpty());
        assertEquals(8L << 20, ctx.reports().get(ctx.reports().size() - 1).done());
        assertEquals(8L << 20, ctx.reports().get(ctx.reports().size() - 1).total());

        img.resize(dst.toString(), 16L << 20, false);
        assertEquals(16L << 20, img.info(dst.toString()).virtualSize());
        QemuImgException shrink = assertThrows(QemuImgException.class, () -> img.resize(dst.toString(), 4L << 20, false));
        assertInstanceOf(QemuImgException.ShrinkRefused.class, shrink);
    }

    @Test
    void importIntoARawTargetAndExportAgainKeepsEveryByte() throws Exception {
        Path src = tmp.resolve("guest.qcow2");
        Path raw = tmp.resolve("payload.raw");
        byte[] data = new byte[4 << 20];
        new Random(3).nextBytes(data);
        Files.write(raw, data);
        img.convert(raw.toString(), src.toString(), ImageFormat.QCOW2, new RecordingContext());
        // stands in for the zvol device the ZFS service created with volsize = zvolSizeFor(image)
        Path zvol = tmp.resolve("zvol.dev");
        Files.write(zvol, new byte[(int) img.zvolSizeFor(src.toString())]);
        img.importIntoZvol(src.toString(), zvol.toString(), true, new RecordingContext());
        assertTrue(java.util.Arrays.equals(data, Files.readAllBytes(zvol)));

        Path out = tmp.resolve("export.vdi");
        img.exportZvol(zvol.toString(), Files.size(zvol), out.toString(), ImageFormat.VDI, new RecordingContext());
        assertEquals("vdi", img.info(out.toString()).format());
        Path back = tmp.resolve("back.raw");
        img.convert(out.toString(), back.toString(), ImageFormat.RAW, new RecordingContext());
        assertTrue(java.util.Arrays.equals(data, Files.readAllBytes(back)));
    }

    @Test
    void monolithicFlatDescriptorWrittenBySluiceIsReadByQemuImg() throws Exception {
        Path device = tmp.resolve("fake-zvol");
        Files.write(device, new byte[2 << 20]);
        Path vmdk = tmp.resolve("disk.vmdk");
        VBoxService vbox = new VBoxService(runner, null);
        vbox.writeDescriptor(vmdk.toString(), RawVmdkDescriptor.forDevice(device.toString(), 2L << 20, "0a1b2c3d-4e5f-4a6b-8c7d-9e0f1a2b3c4d"));

        ImageInfo info = img.info(vmdk.toString());
        assertEquals("vmdk", info.format());
        assertEquals(2L << 20, info.virtualSize());
        assertEquals(device.toString(), vbox.readDescriptor(vmdk.toString()).orElseThrow().extents().get(0).path());

        // conv=excl: never overwrite an existing descriptor
        assertThrows(Exception.class, () -> vbox.writeDescriptor(vmdk.toString(),
                RawVmdkDescriptor.forDevice(device.toString(), 2L << 20, "x")));
    }

    @Test
    void virtualBoxFullDeviceDescriptorIsRefusedByQemuImg() throws Exception {
        Path device = tmp.resolve("fake-zvol");
        Files.write(device, new byte[1 << 20]);
        Path vmdk = tmp.resolve("vbox.vmdk");
        Files.writeString(vmdk, Fixtures.read("vbox/rawvmdk-fullDevice-vbox.vmdk").replace("/dev/zvol/tank/vbox/db-disk0", device.toString()));
        QemuImgException e = assertThrows(QemuImgException.class, () -> img.info(vmdk.toString()));
        assertTrue(e.detail().contains("Unsupported image type 'fullDevice'"), e.detail());
        var r = runner.runAllowingFailure(Command.of("qemu-img", "info", vmdk.toString()));
        assertEquals(1, r.exitCode());
    }

    @Test
    void libraryListsImagesWithInfo() throws Exception {
        Path lib = tmp.resolve("images");
        Files.createDirectories(lib);
        img.create(lib.resolve("b.qcow2").toString(), ImageFormat.QCOW2, 1L << 20, Preallocation.OFF);
        img.create(lib.resolve("a disk.img").toString(), ImageFormat.RAW, 2L << 20, Preallocation.OFF);
        Files.writeString(lib.resolve("notes.txt"), "not an image");
        Files.writeString(lib.resolve("broken.qcow2"), "not really qcow2");
        ImageLibrary library = new ImageLibrary(runner, img, tmp.resolve("config"));
        library.addFolder(lib + "/");
        assertEquals(List.of(lib.toString()), new ImageLibrary(runner, img, tmp.resolve("config")).folders());
        List<LibraryImage> images = library.list();
        assertEquals(List.of("a disk.img", "b.qcow2", "broken.qcow2"), images.stream().map(LibraryImage::name).toList());
        assertEquals(2L << 20, images.get(0).info().orElseThrow().virtualSize());
        assertEquals("qcow2", images.get(1).info().orElseThrow().format());
        // qemu-img probes a garbage .qcow2 as raw: it is listed, with the format it really has
        assertEquals("raw", images.get(2).info().orElseThrow().format());
    }
}
