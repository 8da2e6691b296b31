package dev.sluice.zfs;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

class ZfsNamesTest {

    @ParameterizedTest
    @ValueSource(strings = {"tank", "tank/vm", "tank/VMs/win 11", "tank/a:b.c-d_e", "rpool/vboxzones/myvbox",
            "c0pool/x", "tank/..hidden", "tank/.x"})
    void acceptsValidDatasets(String name) {
        assertDoesNotThrow(() -> ZfsNames.requireDataset(name));
        assertTrue(ZfsNames.isValid(name));
    }

    @ParameterizedTest
    @ValueSource(strings = {"tank/vm@before upgrade", "tank/vm@2024-05-01T10:00", "tank/my vm@s.1"})
    void acceptsSnapshotsWithSpacesColonsDots(String name) {
        assertDoesNotThrow(() -> ZfsNames.requireSnapshot(name));
    }

    @Test
    void acceptsBookmark() {
        assertDoesNotThrow(() -> ZfsNames.requireBookmark("tank/vm#sent 1"));
    }

    @Test
    void rejectsBadCharacterNamingIt() {
        InvalidZfsNameException e = assertThrows(InvalidZfsNameException.class, () -> ZfsNames.requireDataset("tank/vm*1"));
        assertEquals("The dataset name 'tank/vm*1' contains '*', which ZFS does not allow. "
                + "Use only letters, digits, '_', '-', '.', ':' and space.", e.getMessage());
        assertEquals(ZfsException.Kind.INVALID_NAME, e.kind());
    }

    @Test
    void rejectsDotAndDotDotAsSnapshotOrBookmarkNames() {
        assertThrows(InvalidZfsNameException.class, () -> ZfsNames.requireSnapshot("tank/vm@."));
        assertThrows(InvalidZfsNameException.class, () -> ZfsNames.requireBookmark("tank/vm#.."));
        assertThrows(InvalidZfsNameException.class, () -> ZfsNames.requireShortName(".."));
        assertDoesNotThrow(() -> ZfsNames.requireSnapshot("tank/vm@.x"));
    }

    @Test
    void rejectsPercentBecauseZfsUsesItForRanges() {
        assertThrows(InvalidZfsNameException.class, () -> ZfsNames.requireDataset("tank/50%"));
    }

    @Test
    void rejectsPoolNotStartingWithLetter() {
        InvalidZfsNameException e = assertThrows(InvalidZfsNameException.class, () -> ZfsNames.requireDataset("1tank/vm"));
        assertTrue(e.getMessage().contains("must begin with a letter"), e.getMessage());
    }

    @Test
    void rejectsReservedPoolNames() {
        assertThrows(InvalidZfsNameException.class, () -> ZfsNames.requirePool("mirror"));
        assertThrows(InvalidZfsNameException.class, () -> ZfsNames.requirePool("raidz"));
        assertDoesNotThrow(() -> ZfsNames.requirePool("mirrorpool"));
        InvalidZfsNameException e = assertThrows(InvalidZfsNameException.class, () -> ZfsNames.requireNewPool("mirrorpool"));
        assertTrue(e.getMessage().contains("reserved"));
        assertThrows(InvalidZfsNameException.class, () -> ZfsNames.requireNewPool("log"));
        assertThrows(InvalidZfsNameException.class, () -> ZfsNames.requireNewPool("spare1"));
    }

    @Test
    void rejectsEmptyAndDotComponents() {
        assertEquals("'tank//vm' has an empty part ('//'). Remove the doubled slash.",
                assertThrows(InvalidZfsNameException.class, () -> ZfsNames.requireDataset("tank//vm")).getMessage());
        assertThrows(InvalidZfsNameException.class, () -> ZfsNames.requireDataset("tank/./vm"));
        assertThrows(InvalidZfsNameException.class, () -> ZfsNames.requireDataset("tank/.."));
        assertThrows(InvalidZfsNameException.class, () -> ZfsNames.requireDataset("tank/vm/"));
        assertThrows(InvalidZfsNameException.class, () -> ZfsNames.requireDataset("/tank/vm"));
        assertThrows(InvalidZfsNameException.class, () -> ZfsNames.requireDataset(""));
    }

    @Test
    void snapshotRules() {
        assertTrue(assertThrows(InvalidZfsNameException.class, () -> ZfsNames.requireSnapshot("tank/vm"))
                .getMessage().contains("needs '@'"));
        assertTrue(assertThrows(InvalidZfsNameException.class, () -> ZfsNames.requireSnapshot("tank/vm@a@b"))
                .getMessage().contains("more than one"));
        assertThrows(InvalidZfsNameException.class, () -> ZfsNames.requireSnapshot("tank/vm@"));
        assertThrows(InvalidZfsNameException.class, () -> ZfsNames.requireSnapshot("@snap"));
        assertThrows(InvalidZfsNameException.class, () -> ZfsNames.requireSnapshot("tank/vm@a/b"));
        assertThrows(InvalidZfsNameException.class, () -> ZfsNames.requireSnapshot("tank/vm@a#b"));
        assertThrows(InvalidZfsNameException.class, () -> ZfsNames.requireDataset("tank/vm@a"));
    }

    @Test
    void lengthLimits() {
        String ok = "tank/" + "a".repeat(250);
        assertEquals(255, ok.length());
        assertDoesNotThrow(() -> ZfsNames.requireDataset(ok));
        assertTrue(assertThrows(InvalidZfsNameException.class, () -> ZfsNames.requireDataset(ok + "b"))
                .getMessage().contains("at most 255"));
        assertThrows(InvalidZfsNameException.class, () -> ZfsNames.requirePool("p" + "a".repeat(239)));
    }

    @Test
    void partsOfNames() {
        assertEquals("tank", ZfsNames.poolOf("tank/vm@s"));
        assertEquals("tank/vm", ZfsNames.datasetOf("tank/vm@s"));
        assertEquals("tank/vm", ZfsNames.datasetOf("tank/vm#b"));
        assertEquals("s 1", ZfsNames.shortNameOf("tank/vm@s 1"));
        assertEquals("tank", ZfsNames.parentOf("tank/vm"));
        assertNull(ZfsNames.parentOf("tank"));
        assertNull(ZfsNames.problem("tank/win 11:disk.0"));
    }

    @Test
    void controlCharactersAreShownReadably() {
        InvalidZfsNameException e = assertThrows(InvalidZfsNameException.class, () -> ZfsNames.requireDataset("tank/a\tb"));
        assertTrue(e.getMessage().contains("\\u0009"), e.getMessage());
    }
}
