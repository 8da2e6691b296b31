package dev.sluice.migrate;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.sluice.host.WireOptions;
import dev.sluice.host.WireTools;
import java.util.Locale;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The plan's note on what goes on the wire, and which host lacks what was left out. */
class RouteChoiceNoteTest {
    private Locale before;

    @BeforeEach
    void english() {
        before = Locale.getDefault();
        Locale.setDefault(Locale.ROOT);
    }

    @AfterEach
    void restore() {
        Locale.setDefault(before);
    }

    private static String note(Set<String> nas, Set<String> backup) {
        WireTools a = new WireTools(nas);
        WireTools b = new WireTools(backup);
        return RouteChoice.wireNote(WireTools.choose(a, b), a, b, "nas", "backup");
    }

    @Test
    void bothEndsHaveEverything() {
        assertEquals("Compressed with zstd on the wire (raw encrypted streams go as they are: ciphertext does not shrink)."
                + " mbuffer 128 MiB on both ends.", note(Set.of("zstd", "mbuffer"), Set.of("zstd", "lz4", "mbuffer")));
    }

    @Test
    void whatIsMissingIsNamedWithItsHost() {
        assertEquals("No compression on the wire: zstd and lz4 are both missing on backup."
                + " mbuffer 128 MiB on nas only (mbuffer is missing on backup).", note(Set.of("zstd", "mbuffer"), Set.of()));
        assertEquals("No compression on the wire: nas has only zstd, backup has only lz4. No buffer: mbuffer is missing on both hosts.",
                note(Set.of("zstd"), Set.of("lz4")));
        assertEquals("No compression on the wire: zstd and lz4 are missing on nas and on backup."
                + " mbuffer 128 MiB on backup only (mbuffer is missing on nas).", note(Set.of(), Set.of("mbuffer")));
    }

    @Test
    void lz4WhenZstdIsNotOnBoth() {
        WireTools a = new WireTools(Set.of("zstd", "lz4"));
        WireTools b = new WireTools(Set.of("lz4"));
        assertEquals(java.util.Optional.of(WireOptions.Compressor.LZ4), WireTools.choose(a, b).compression());
    }
}
