package dev.sluice.zfs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Destroy dry runs, send estimates, holds, resume tokens, versions, send progress. */
class ZfsOutputTest {

    @ParameterizedTest
    @ValueSource(strings = {Fixtures.V23, Fixtures.V21})
    void destroyDryRun(String v) {
        String range = Fixtures.read(v, "zfs-destroy-nvp-range.txt");
        assertEquals(List.of("rpool/vboxzones/myvbox@second", "rpool/vboxzones/myvbox@third", "rpool/vboxzones/myvbox@fourth"),
                ZfsOutput.destroyedNames(range));
        assertEquals(8192, ZfsOutput.reclaimBytes(range));
        String rec = Fixtures.read(v, "zfs-destroy-nvp-recursive.txt");
        assertEquals(5, ZfsOutput.destroyedNames(rec).size());
        assertEquals("tank/backup", ZfsOutput.destroyedNames(rec).get(4));
        assertEquals(-1, ZfsOutput.reclaimBytes(rec));
        // -R on a snapshot with a clone: the dry run does not list the clone (both versions)
        assertEquals(List.of("rpool/vboxzones/myvbox@first"),
                ZfsOutput.destroyedNames(Fixtures.read(v, "zfs-destroy-nvp-R-clones.txt")));
    }

    @ParameterizedTest
    @ValueSource(strings = {Fixtures.V23, Fixtures.V21})
    void sendEstimates(String v) {
        SendEstimate full = SendEstimate.parse(Fixtures.read(v, "zfs-send-nvP-full.txt"));
        assertEquals(1, full.streams().size());
        assertFalse(full.streams().get(0).incremental());
        assertEquals(full.totalBytes(), full.streams().get(0).bytes());
        SendEstimate inc = SendEstimate.parse(Fixtures.read(v, "zfs-send-nvP-incremental.txt"));
        assertEquals("rpool/vboxzones/myvbox@first", inc.streams().get(0).from());
        assertEquals("rpool/vboxzones/myvbox@second", inc.streams().get(0).snapshot());
        SendEstimate incI = SendEstimate.parse(Fixtures.read(v, "zfs-send-nvP-incremental-I.txt"));
        assertEquals("first", incI.streams().get(0).from());
        SendEstimate rep = SendEstimate.parse(Fixtures.read(v, "zfs-send-nvP-replicate-R.txt"));
        assertEquals(5, rep.streams().size());
        assertEquals(rep.totalBytes(), rep.streams().stream().mapToLong(SendEstimate.Stream::bytes).sum());
        SendEstimate resume = SendEstimate.parse(Fixtures.read(v, "zfs-send-nvP-resume-token.txt"));
        assertEquals(1, resume.streams().size());
        assertEquals("rpool/vboxzones/myvbox@second", resume.streams().get(0).snapshot());
        assertTrue(SendEstimate.parse(Fixtures.read(v, "zfs-send-nvP-raw-encrypted.txt")).totalBytes() > 4_000_000);
    }

    @Test
    void sendEstimateValuesV23() {
        assertEquals(51063200, SendEstimate.parse(Fixtures.read(Fixtures.V23, "zfs-send-nvP-full.txt")).totalBytes());
        assertEquals(76600384, SendEstimate.parse(Fixtures.read(Fixtures.V23, "zfs-send-nvP-replicate-R.txt")).totalBytes());
    }

    @Test
    void holdsParsableAndText() {
        List<Hold> h = ZfsOutput.holds(Fixtures.read(Fixtures.V23, "zfs-holds-Hp.txt"));
        assertEquals(1, h.size());
        assertEquals("keep", h.get(0).tag());
        assertEquals(Instant.ofEpochSecond(1795256472), h.get(0).created());
        List<Hold> text = ZfsOutput.holds("tank/vm@a\tmy tag\tSat Nov 21 10:22 2026\n");
        assertNull(text.get(0).created());
        assertEquals("Sat Nov 21 10:22 2026", text.get(0).createdText());
        assertEquals("my tag", text.get(0).tag());
        assertTrue(ZfsOutput.holds("").isEmpty());
    }

    @ParameterizedTest
    @ValueSource(strings = {Fixtures.V23, Fixtures.V21})
    void resumeToken(String v) {
        assertEquals(Fixtures.read(v, "receive-resume-token-value.txt").strip(),
                ZfsOutput.resumeToken(Fixtures.read(v, "zfs-get-receive-resume-token.txt")));
        assertNull(ZfsOutput.resumeToken("tank/x\treceive_resume_token\t-\t-\n"));
    }

    @Test
    void versions() {
        ZfsVersion v23 = ZfsVersion.parse(Fixtures.read(Fixtures.V23, "zfs-version.txt"));
        assertEquals("2.3.2", v23.toString());
        assertTrue(v23.hasJson());
        assertTrue(v23.hasParsableHolds());
        assertEquals("zfs-kmod-2.3.2-2~bpo12+2", v23.kernel());
        ZfsVersion v21 = ZfsVersion.parse(Fixtures.read(Fixtures.V21, "zfs-version.txt"));
        assertEquals("2.1.11", v21.toString());
        assertFalse(v21.hasJson());
        assertFalse(v21.hasParsableHolds());
        assertTrue(ZfsVersion.parse("zfs-2.2.6-1\nzfs-kmod-2.2.6-1\n").hasParsableHolds());
        assertEquals("2.1.0", ZfsVersion.parse("garbage").toString());
        // userland without kmod (module not loaded) still gives the userland version
        assertEquals("2.3.2", ZfsVersion.parse("zfs-2.3.2-1\n").toString());
    }

    @Test
    void sendProgressAddsUpSnapshotsOfAReplicationStream() {
        SendProgressParser p = new SendProgressParser();
        for (String l : Fixtures.read(Fixtures.V23, "zfs-send-nvP-replicate-R.txt").split("\n")) {
            p.accept(l);
        }
        assertEquals(76600384, p.total());
        assertTrue(p.accept("10:20:01\t43632\trpool/vboxzones@daily-1"));
        assertTrue(p.accept("10:20:02\t4000000\trpool/vboxzones/files@daily-1"));
        assertTrue(p.accept("10:20:03\t8448112\trpool/vboxzones/files@daily-1"));
        assertEquals(43632 + 8448112, p.done());
        assertTrue(p.accept("10:20:04\t1000\t12\trpool/vboxzones/myvbox@first"));
        assertEquals(43632 + 8448112 + 1000, p.done());
        assertEquals("rpool/vboxzones/myvbox@first", p.currentSnapshot());
        assertFalse(p.accept("warning: something"));
        assertFalse(p.accept("TIME        SENT   SNAPSHOT rpool/vboxzones@daily-1"));
    }
}
