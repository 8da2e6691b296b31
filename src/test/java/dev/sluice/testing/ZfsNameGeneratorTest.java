package dev.sluice.testing;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sluice.zfs.ZfsNames;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The generator RealNamesIT uses makes only names ZFS (and Sluice's own check) accept, and all of them. */
class ZfsNameGeneratorTest {

    @Test
    void poolsAndComponentsAreValidUniqueAndCoverEveryCharacter() {
        ZfsNameGenerator gen = new ZfsNameGenerator(20261202L);
        List<String> names = new ArrayList<>();
        for (int i = 0; i < 200; i++) {
            String pool = gen.pool(2 + i % 20);
            assertDoesNotThrow(() -> ZfsNames.requireNewPool(pool), pool);
            String fs = pool + "/" + gen.component(1 + i % 15) + "/" + gen.component(7);
            String snap = fs + "@" + gen.component(1 + i % 9);
            String mark = fs + "#" + gen.component(3);
            assertDoesNotThrow(() -> ZfsNames.requireDataset(fs), fs);
            assertDoesNotThrow(() -> ZfsNames.requireSnapshot(snap), snap);
            assertDoesNotThrow(() -> ZfsNames.requireBookmark(mark), mark);
            names.addAll(List.of(pool, fs, snap, mark));
        }
        for (String c : gen.awkwardComponents()) {
            assertDoesNotThrow(() -> ZfsNames.requireDataset("tank/" + c), c);
        }
        assertEquals(names.size(), new HashSet<>(names).size(), "no name twice");
        assertTrue(ZfsNameGenerator.coversEveryAllowedCharacter(names));
        assertTrue(names.stream().noneMatch(n -> n.matches(".*-part[0-9].*")));
    }

    @Test
    void theSeedReproducesTheNames() {
        ZfsNameGenerator a = new ZfsNameGenerator(7);
        ZfsNameGenerator b = new ZfsNameGenerator(7);
        for (int i = 0; i < 20; i++) {
            assertEquals(a.pool(9), b.pool(9));
            assertEquals(a.component(11), b.component(11));
        }
    }
}
