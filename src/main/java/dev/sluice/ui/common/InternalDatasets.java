package dev.sluice.ui.common;

/**
 * Datasets Sluice keeps for itself ({@code <pool>/sluice-guards}, the rollback guard copies). They
 * show in the lists, but are never offered as a place for user data (a parent for a new zvol or VM disk).
 */
public final class InternalDatasets {
    public static final String GUARDS = "sluice-guards";

    private InternalDatasets() {
    }

    /** {@code tank/sluice-guards} and everything under it. */
    public static boolean isInternal(String dataset) {
        int slash = dataset.indexOf('/');
        if (slash < 0) {
            return false;
        }
        String rest = dataset.substring(slash + 1);
        return rest.equals(GUARDS) || rest.startsWith(GUARDS + "/");
    }
}
