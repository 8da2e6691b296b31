package dev.sluice.zfs;

import java.util.List;

/**
 * What a destroy would remove, from {@code zfs destroy -nvp} ({@code destroy<TAB>name} lines and a
 * {@code reclaim<TAB>bytes} line; reclaim is -1 when zfs prints none, as for {@code -r} of a
 * filesystem). {@code extraClones} are clones Sluice found itself that {@code -R} would also destroy
 * but the dry run does not list (seen on OpenZFS 2.1 and 2.3 for a snapshot with clones).
 * {@code command} is the destroy that would run.
 */
public record DestroyPreview(String target, List<String> destroyed, List<String> extraClones, long reclaimBytes,
                             DestroyFlags flags, dev.sluice.host.Command command) {

    public DestroyPreview {
        destroyed = List.copyOf(destroyed);
        extraClones = List.copyOf(extraClones);
    }

    /** Everything that goes, dry-run list first, then clones found by Sluice. */
    public List<String> everything() {
        java.util.List<String> all = new java.util.ArrayList<>(destroyed);
        extraClones.stream().filter(c -> !all.contains(c)).forEach(all::add);
        return List.copyOf(all);
    }
}
