package dev.sluice.ui.common.dialogs;

import java.util.function.Consumer;
import javafx.stage.Window;

/** The one way views ask before running: show the plan, run when confirmed, wipe secrets when declined. */
public final class Confirm {
    private Confirm() {
    }

    public static void thenRun(Window owner, ConfirmableAction action, Consumer<ConfirmableAction> perform) {
        if (CommandConfirmDialog.confirm(owner, action.plan())) {
            perform.accept(action);
        } else {
            action.decline();
        }
    }
}
