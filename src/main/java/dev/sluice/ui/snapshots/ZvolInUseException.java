package dev.sluice.ui.snapshots;

import dev.sluice.ui.common.I18n;

/** A rollback refused because the zvol is open; the message names the user and the way out. */
public final class ZvolInUseException extends Exception {
    private final String zvol;
    private final String user;

    public ZvolInUseException(String zvol, String user) {
        super(I18n.t("snapshots.rollback.inUse", zvol, user));
        this.zvol = zvol;
        this.user = user;
    }

    public String zvol() {
        return zvol;
    }

    public String user() {
        return user;
    }
}
