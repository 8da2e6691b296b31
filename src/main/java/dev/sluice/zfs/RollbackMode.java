package dev.sluice.zfs;

/** How far {@code zfs rollback} may go. */
public enum RollbackMode {
    /** No flag: only to the newest snapshot; fails with WOULD_DESTROY_NEWER otherwise. */
    LATEST_ONLY,
    /** {@code -r}: destroys newer snapshots and bookmarks. */
    DESTROY_NEWER,
    /** {@code -R}: also destroys clones of those newer snapshots. */
    DESTROY_NEWER_AND_CLONES;

    String flag() {
        return switch (this) {
            case LATEST_ONLY -> null;
            case DESTROY_NEWER -> "-r";
            case DESTROY_NEWER_AND_CLONES -> "-R";
        };
    }
}
