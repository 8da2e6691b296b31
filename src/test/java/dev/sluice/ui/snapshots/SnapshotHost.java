package dev.sluice.ui.snapshots;

import dev.sluice.host.Command;
import dev.sluice.host.testing.ScriptedRunner;
import dev.sluice.zfs.ZfsCommands;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * A scripted host answering the snapshot view's zfs commands with the real OpenZFS 2.3 outputs in
 * {@code fixtures/snapshots/openzfs-2.3} (see its README for the scenario and MANIFEST.tsv for each command).
 */
final class SnapshotHost {
    static final String DS = "rpool/vboxzones/myvbox";
    static final String FIRST = DS + "@first";
    static final String SECOND = DS + "@second";
    static final String THIRD = DS + "@third";
    static final String FOURTH = DS + "@fourth";
    static final String GUARDS = "rpool/sluice-guards";

    private SnapshotHost() {
    }

    static String fixture(String name) {
        try (InputStream in = SnapshotHost.class.getResourceAsStream("/fixtures/snapshots/openzfs-2.3/" + name + ".txt")) {
            if (in == null) {
                throw new IllegalArgumentException("no fixture " + name);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static String[] argv(Command c) {
        return c.argv().toArray(String[]::new);
    }

    /** The scenario as captured: four snapshots of the zvol, @second held, @third cloned, no guards dataset yet. */
    static ScriptedRunner scenario() throws Exception {
        ScriptedRunner r = new ScriptedRunner();
        r.on("zfs", "version").stdout(fixture("zfs-version"));
        r.on(argv(ZfsCommands.datasets(null))).stdout(fixture("list-datasets"));
        r.on(argv(ZfsCommands.snapshots(DS))).stdout(fixture("list-snapshots"));
        r.on(argv(ZfsCommands.snapshots(null))).stdout(fixture("list-snapshots-all"));
        r.on(argv(ZfsCommands.bookmarks(DS))).stdout(fixture("list-bookmarks"));
        r.on(argv(ZfsCommands.snapshots("rpool/vboxzones/files"))).stdout(fixture("list-files-snapshots-empty"));
        r.when(a -> a.size() == 6 && a.subList(0, 3).equals(List.of("zfs", "list", "-Hp")) && a.get(5).equals(DS))
                .stdout(fixture("list-myvbox"));
        r.when(a -> a.size() == 6 && a.subList(0, 3).equals(List.of("zfs", "list", "-Hp")) && a.get(5).equals(GUARDS))
                .fail(1, fixture("list-guards-missing"));
        r.on(argv(ZfsCommands.holds(SECOND, true))).stdout(fixture("holds-second"));
        return r;
    }
}
