package dev.sluice.qemu;

import dev.sluice.testing.Fixtures;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class ImageInfoParserTest {

    @Test
    void backingChainWithSnapshot() {
        ImageInfo i = ImageInfoParser.parse(Fixtures.read("qemu/qemu-img-info-backing-chain.json"));
        assertEquals("over.qcow2", i.filename());
        assertEquals("qcow2", i.format());
        assertEquals(ImageFormat.QCOW2, i.knownFormat().orElseThrow());
        assertEquals(67108864L, i.virtualSize());
        assertEquals(208896L, i.actualSize());
        assertFalse(i.dirty());
        assertEquals("d.qcow2", i.backingFile().orElseThrow());
        assertEquals("qcow2", i.backingFormat().orElseThrow());
        assertEquals(1, i.snapshots().size());
        assertEquals("snap1", i.snapshots().get(0).name());
        assertEquals(1795258035L, i.snapshots().get(0).created().getEpochSecond());
        assertEquals(1, i.backingChain().size());
        assertEquals("d.qcow2", i.backingChain().get(0).filename());
        assertFalse(i.backingChain().get(0).hasBacking());
    }

    @Test
    void rawImage() {
        ImageInfo i = ImageInfoParser.parse(Fixtures.read("qemu/qemu-img-info-raw.json"));
        assertEquals(ImageFormat.RAW, i.knownFormat().orElseThrow());
        assertEquals(10485760L, i.virtualSize());
        assertTrue(i.snapshots().isEmpty());
        assertTrue(i.backingChain().isEmpty());
    }

    @Test
    void dirtyFlagIsRead() {
        ImageInfo i = ImageInfoParser.parse("{\"virtual-size\": 1, \"filename\": \"x\", \"format\": \"qcow2\", \"dirty-flag\": true}");
        assertTrue(i.dirty());
        assertEquals(-1, i.actualSize());
    }

    @Test
    void notJsonIsRefused() {
        assertThrows(IllegalArgumentException.class, () -> ImageInfoParser.parse("image: x.qcow2\nfile format: qcow2"));
    }

    @Test
    void convertProgressLines() {
        // the runner splits at \r, so each redraw is one line
        String[] lines = Fixtures.read("qemu/qemu-img-convert-p.stdout").split("[\r\n]+");
        assertEquals(0.0, ConvertProgress.percent(lines[0]).orElseThrow());
        assertEquals(100.0, ConvertProgress.percent(lines[1]).orElseThrow());
        assertEquals(12.34, ConvertProgress.percent("    (12.34/100%)").orElseThrow());
        assertTrue(ConvertProgress.percent("Formatting 'x'").isEmpty());
    }
}
