package dev.sluice.zfs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

/**
 * Real {@code zfs list -Hp} output from both versions. The fixtures were captured with other column
 * lists than ours, so they are re-shaped by {@link #reshape} into our columns before parsing;
 * the values themselves are the captured ones.
 */
class ZfsListParserTest {

    @ParameterizedTest
    @ValueSource(strings = {Fixtures.V23, Fixtures.V21})
    void snapshotsByCreatetxg(String version) {
        // captured: name,guid,createtxg,creation,used,referenced -> ours adds written, clones, userrefs
        String out = appendColumns(Fixtures.read(version, "zfs-list-snapshots-by-createtxg.txt"), "8192", "-", "0");
        List<Snapshot> snaps = ZfsListParser.snapshots(out);
        assertEquals(21, snaps.size());
        Snapshot first = snaps.get(0);
        assertEquals("tank/backup/myvbox@first", first.name());
        assertEquals("tank/backup/myvbox", first.dataset());
        assertEquals("first", first.shortName());
        assertEquals(14, first.createtxg());
        assertTrue(snaps.stream().allMatch(s -> s.clones().isEmpty() && !s.held()));
        // guids are unsigned 64-bit: kept as text
        assertTrue(snaps.stream().anyMatch(s -> s.guid().length() == 20));
        for (int i = 1; i < snaps.size(); i++) {
            assertTrue(snaps.get(i).createtxg() >= snaps.get(i - 1).createtxg());
        }
    }

    @Test
    void snapshotValuesV23() {
        String out = appendColumns(Fixtures.read(Fixtures.V23, "zfs-list-snapshots-by-createtxg.txt"), "8192", "rpool/vboxzones/myclone", "1");
        Snapshot s = ZfsListParser.snapshots(out).stream().filter(x -> x.name().equals("rpool/vboxzones/myvbox@first"))
                .findFirst().orElseThrow();
        assertEquals("4136210944864693022", s.guid());
        assertEquals(18, s.createtxg());
        assertEquals(Instant.ofEpochSecond(1795256424), s.creation());
        assertEquals(8192, s.used());
        assertEquals(50659328, s.referenced());
        assertEquals(List.of("rpool/vboxzones/myclone"), s.clones());
        assertTrue(s.held());
    }

    @ParameterizedTest
    @ValueSource(strings = {Fixtures.V23, Fixtures.V21})
    void datasetsFromListAll(String version) {
        List<Dataset> ds = ZfsListParser.datasets(reshapeListAll(Fixtures.read(version, "zfs-list-Hp-all.txt")));
        Dataset clone = ds.stream().filter(d -> d.name().equals("rpool/vboxzones/myclone")).findFirst().orElseThrow();
        assertEquals(DatasetType.VOLUME, clone.type());
        assertEquals(268435456, clone.volsize());
        assertEquals("rpool/vboxzones/myvbox@first", clone.origin());
        assertTrue(clone.isClone());
        assertNull(clone.mountpoint());
        Dataset secure = ds.stream().filter(d -> d.name().equals("rpool/secure")).findFirst().orElseThrow();
        assertTrue(secure.isEncrypted());
        assertEquals(KeyStatus.AVAILABLE, secure.keyStatus());
        assertEquals("/rpool/secure", secure.mountpoint());
        Dataset raw = ds.stream().filter(d -> d.name().equals("tank/secure-raw")).findFirst().orElseThrow();
        assertEquals(KeyStatus.UNAVAILABLE, raw.keyStatus());
        Dataset plain = ds.stream().filter(d -> d.name().equals("tank")).findFirst().orElseThrow();
        assertFalse(plain.isEncrypted());
        assertEquals(KeyStatus.NONE, plain.keyStatus());
        assertEquals(-1, plain.volsize());
    }

    @Test
    void partialReceiveTokenIsRead() {
        String line = Fixtures.read(Fixtures.V23, "zfs-list-partial-receive.txt").split("\n")[1];
        String[] f = line.split("\t");
        String ours = String.join("\t", f[0], f[1], f[2], "1000", f[3], "268435456", "16384", "lz4", "off", "-", "-", "-",
                "-", "-", "0", "123", "47", "1795256447", f[4]) + "\n";
        Dataset d = ZfsListParser.datasets(ours).get(0);
        assertTrue(d.hasPartialReceive());
        assertTrue(d.receiveResumeToken().startsWith("1-de77a9b02-c8-"));
        assertEquals(16384, d.volblocksize());
    }

    @Test
    void namesWithSpacesColonsDotsSurvive() {
        String out = "tank/VMs/win 11:v2.0@before upgrade: 1.2\t123\t7\t1795256424\t0\t4096\t4096\t-\t0\n"
                + "tank/a b@c d\t18446744073709551615\t8\t1795256425\t1\t2\t3\ttank/x y,tank/z\t2\n";
        List<Snapshot> s = ZfsListParser.snapshots(out);
        assertEquals("tank/VMs/win 11:v2.0", s.get(0).dataset());
        assertEquals("before upgrade: 1.2", s.get(0).shortName());
        assertEquals("18446744073709551615", s.get(1).guid());
        assertEquals(List.of("tank/x y", "tank/z"), s.get(1).clones());
        assertEquals(2, s.get(1).userRefs());
    }

    @Test
    void guidsReadFromTheTextPrintBackAsGiven() {
        String[] guids = {"0", "1", "9223372036854775807", "9223372036854775808", "18446744073709551615",
                "18446744073709551616", "99999999999999999999", "007", "-", "", "12a"};
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < guids.length; i++) {
            out.append("tank/a@s").append(i).append('\t').append(guids[i]).append("\t8\t1795256425\t1\t2\t3\t-\t0\n");
        }
        List<Snapshot> s = ZfsListParser.snapshots(out.toString());
        for (int i = 0; i < guids.length; i++) {
            assertEquals(guids[i], s.get(i).guid());
        }
        assertEquals(s.get(4), new Snapshot("tank/a@s4", "tank/a", "s4", "18446744073709551615", 8,
                java.time.Instant.ofEpochSecond(1795256425), 1, 2, 3, List.of(), 0), "the same as made from the text");
    }

    @Test
    void aMissingFieldIsNotTakenFromTheNextLine() {
        assertThrows(UnexpectedOutputException.class,
                () -> ZfsListParser.snapshots("tank@a\t1\t2\t3\t4\t5\t6\t-\ntank@b\t1\t2\t3\t4\t5\t6\t-\t0\n"));
    }

    @Test
    void wrongShapeIsReported() {
        UnexpectedOutputException e = assertThrows(UnexpectedOutputException.class,
                () -> ZfsListParser.snapshots("tank@a\t1\t2\n"));
        assertTrue(e.getMessage().contains("9 tab-separated fields"), e.getMessage());
        assertThrows(UnexpectedOutputException.class, () -> ZfsListParser.snapshots("tank\t1\t2\t3\t4\t5\t6\t7\t8\n"));
    }

    @Test
    void emptyOutputIsEmpty() {
        assertTrue(ZfsListParser.datasets("").isEmpty());
        assertTrue(ZfsListParser.snapshots("\n").isEmpty());
    }

    @Test
    void propertiesOfGetHp() {
        List<Property> p = ZfsListParser.properties(Fixtures.read(Fixtures.V23, "zfs-get-Hp-all-zvol.txt"));
        Property vbs = p.stream().filter(x -> x.name().equals("volblocksize")).findFirst().orElseThrow();
        assertEquals(16384, vbs.asLong());
        assertEquals("default", vbs.source());
        Property refres = p.stream().filter(x -> x.name().equals("refreservation")).findFirst().orElseThrow();
        assertTrue(refres.isLocal());
        List<Property> p21 = ZfsListParser.properties(Fixtures.read(Fixtures.V21, "zfs-get-Hp-all-zvol.txt"));
        assertEquals(8192, p21.stream().filter(x -> x.name().equals("volblocksize")).findFirst().orElseThrow().asLong());
    }

    @Test
    void propertyValuesMayHoldTabsNewlinesAndWhatLooksLikeASource() {
        String out = "tank/a\tcom.example:x\tone\ttwo\tlocal\n"
                + "tank/a\tcom.example:y\tfirst\tlocal\n"       // a value line that ends like a source...
                + "second line\n"                                 // ...but what follows is no record
                + "\n"
                + "last\tinherited from tank\n"
                + "tank/a\tcom.example:empty\t\tlocal\n"
                + "tank/a\tcompression\tlz4\tinherited from tank\n";
        List<Property> p = ZfsListParser.properties(out);
        assertEquals(List.of("com.example:x", "com.example:y", "com.example:empty", "compression"),
                p.stream().map(Property::name).toList());
        assertEquals("one\ttwo", p.get(0).value());
        assertEquals("first\tlocal\nsecond line\n\nlast", p.get(1).value());
        assertEquals("inherited from tank", p.get(1).source());
        assertEquals("", p.get(2).value());
        assertEquals("lz4", p.get(3).value());
    }

    @Test
    void propertyOutputWithoutASourceIsUnexpected() {
        assertThrows(UnexpectedOutputException.class, () -> ZfsListParser.properties("tank/a\tcompression\tlz4\n"));
        assertThrows(UnexpectedOutputException.class, () -> ZfsListParser.properties("no tabs here\n"));
        assertThrows(UnexpectedOutputException.class, () -> ZfsListParser.properties("1tank\tcompression\tlz4\tlocal\n"));
    }

    @Test
    void bookmarks() {
        List<Bookmark> b = ZfsListParser.bookmarks("tank/vm#sent 1\t42\t9\t1795256424\n");
        assertEquals("tank/vm", b.get(0).dataset());
        assertEquals("sent 1", b.get(0).shortName());
        assertEquals(9, b.get(0).createtxg());
    }

    /** Captured: name,guid,createtxg,creation,used,referenced; ours continues written,clones,userrefs. */
    static String appendColumns(String captured, String written, String clones, String userrefs) {
        StringBuilder b = new StringBuilder();
        for (String line : captured.split("\n")) {
            b.append(line).append('\t').append(written).append('\t').append(clones).append('\t').append(userrefs).append('\n');
        }
        return b.toString();
    }

    /**
     * Captured: name,type,used,avail,refer,volsize,mountpoint,origin,creation,encryption,keystatus.
     * Ours: name,type,used,avail,refer,volsize,volblocksize,compression,encryption,encryptionroot,keystatus,
     * origin,mountpoint,mounted,refreservation,guid,createtxg,creation,receive_resume_token.
     */
    static String reshapeListAll(String captured) {
        StringBuilder b = new StringBuilder();
        for (String line : captured.split("\n")) {
            String[] f = line.split("\t", -1);
            boolean vol = f[1].equals("volume");
            b.append(String.join("\t", f[0], f[1], f[2], f[3], f[4], f[5], vol ? "16384" : "-", "lz4", f[9],
                    f[9].equals("off") ? "-" : f[0], f[10], f[7], f[6], vol ? "-" : "yes", "0", "1", "1", f[8], "-"))
                    .append('\n');
        }
        return b.toString();
    }
}
