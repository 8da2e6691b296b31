package dev.sluice.zfs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ZfsSizesTest {

    @ParameterizedTest
    @CsvSource({"10G,10737418240", "512M,536870912", "1.5T,1649267441664", "4096,4096", "10GiB,10737418240",
            "10gb,10737418240", "16k,16384", "1K,1024", "2B,2", "' 8M ',8388608", "1.3K,1331", "1e,1152921504606846976",
            "0.5M,524288"})
    void parsesLikeZfs(String text, long bytes) throws Exception {
        assertEquals(bytes, ZfsSizes.parse(text));
    }

    @Test
    void explainsBadInput() {
        assertEquals("'10X' has an unknown unit 'X'. Use K, M, G, T, P or E (powers of 1024; KB, KiB and the like also work), e.g. 10G.",
                assertThrows(InvalidSizeException.class, () -> ZfsSizes.parse("10X")).getMessage());
        assertEquals("'G10' is not a size: it must start with a number. Enter a size such as 10G, 512M or 1.5T.",
                assertThrows(InvalidSizeException.class, () -> ZfsSizes.parse("G10")).getMessage());
        assertThrows(InvalidSizeException.class, () -> ZfsSizes.parse(""));
        assertThrows(InvalidSizeException.class, () -> ZfsSizes.parse("1.2.3G"));
        assertThrows(InvalidSizeException.class, () -> ZfsSizes.parse("9E"));
        assertThrows(InvalidSizeException.class, () -> ZfsSizes.parse("-1G"));
        assertThrows(InvalidSizeException.class, () -> ZfsSizes.parse("1BiB"));
    }

    @Test
    void volumeSizeMustBeMultipleOfBlockSize() throws Exception {
        assertEquals(10737418240L, ZfsSizes.parseVolumeSize("10G", 16384));
        InvalidSizeException e = assertThrows(InvalidSizeException.class, () -> ZfsSizes.parseVolumeSize("1000", 16384));
        assertEquals("A volume's size must be a multiple of its block size (volblocksize 16K); 1000 is 1000 bytes. Use 16K.",
                e.getMessage());
        e = assertThrows(InvalidSizeException.class, () -> ZfsSizes.parseVolumeSize("1.3M", 16384));
        assertEquals("A volume's size must be a multiple of its block size (volblocksize 16K); 1.3M is 1363148 bytes. "
                + "Use 1344K or 1328K.", e.getMessage());
        assertEquals(ZfsException.Kind.INVALID_SIZE, e.kind());
        assertThrows(InvalidSizeException.class, () -> ZfsSizes.parseVolumeSize("0", 8192));
    }

    @Test
    void defaultBlockSizeFollowsVersion() {
        assertEquals(8192, ZfsSizes.defaultVolBlockSize(ZfsVersion.parse(Fixtures.read(Fixtures.V21, "zfs-version.txt"))));
        assertEquals(16384, ZfsSizes.defaultVolBlockSize(ZfsVersion.parse(Fixtures.read(Fixtures.V23, "zfs-version.txt"))));
    }

    @Test
    void formats() {
        assertEquals("16K", ZfsSizes.format(16384));
        assertEquals("10G", ZfsSizes.format(10737418240L));
        assertEquals("1.5T", ZfsSizes.format(1649267441664L));
        assertEquals("100B", ZfsSizes.format(100));
        assertEquals("1000B", ZfsSizes.format(1000));
        assertEquals("48.9M", ZfsSizes.human(51263488));
    }
}
