package dev.sluice.zfs;

/**
 * Options of {@code zfs destroy}: {@code recursive} (-r: children, or same-named snapshots below),
 * {@code dependents} (-R: also clones, anywhere), {@code forceUnmount} (-f), {@code deferred} (-d:
 * for a held snapshot, destroy when the last hold is released).
 */
public record DestroyFlags(boolean recursive, boolean dependents, boolean forceUnmount, boolean deferred) {
    public static final DestroyFlags NONE = new DestroyFlags(false, false, false, false);
    public static final DestroyFlags RECURSIVE = new DestroyFlags(true, false, false, false);
    public static final DestroyFlags RECURSIVE_WITH_CLONES = new DestroyFlags(true, true, false, false);
}
