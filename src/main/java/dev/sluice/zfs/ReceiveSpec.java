package dev.sluice.zfs;

import java.util.List;
import java.util.Map;

/**
 * How {@code zfs receive} takes a stream. {@link #into} gives a resumable ({@code -s}) receive that
 * never overwrites ({@code -F} only via {@link #withForce()}, which the UI must ask the user for).
 *
 * @param target dataset (or snapshot) to receive into
 * @param resumable {@code -s}: keep partial data when the stream breaks, so it can be resumed
 * @param force {@code -F}: roll the target back / overwrite it; destroys data on the target
 * @param noMount {@code -u}: do not mount what is received
 * @param set {@code -o prop=value} on the received dataset
 * @param exclude {@code -x prop}: do not take this property from the stream
 */
public record ReceiveSpec(String target, boolean resumable, boolean force, boolean noMount,
                          Map<String, String> set, List<String> exclude) {

    public ReceiveSpec {
        set = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(set));
        exclude = List.copyOf(exclude);
    }

    public static ReceiveSpec into(String target) {
        return new ReceiveSpec(target, true, false, false, Map.of(), List.of());
    }

    public ReceiveSpec withForce() {
        return new ReceiveSpec(target, resumable, true, noMount, set, exclude);
    }

    public ReceiveSpec notResumable() {
        return new ReceiveSpec(target, false, force, noMount, set, exclude);
    }

    public ReceiveSpec withNoMount() {
        return new ReceiveSpec(target, resumable, force, true, set, exclude);
    }

    public ReceiveSpec withProperty(String name, String value) {
        Map<String, String> m = new java.util.LinkedHashMap<>(set);
        m.put(name, value);
        return new ReceiveSpec(target, resumable, force, noMount, m, exclude);
    }

    public ReceiveSpec excluding(String property) {
        List<String> x = new java.util.ArrayList<>(exclude);
        x.add(property);
        return new ReceiveSpec(target, resumable, force, noMount, set, x);
    }
}
