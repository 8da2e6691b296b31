package dev.sluice.ui.vms;

import dev.sluice.guest.Guest;
import dev.sluice.qemu.preflight.PreflightProblem;
import dev.sluice.ui.common.dialogs.ConfirmableAction;
import java.util.List;

/**
 * What preflight found before a start: every problem with its fix, and the start itself, or
 * null when a blocking problem forbids it.
 */
public record StartCheck(Guest guest, List<PreflightProblem> problems, ConfirmableAction start) {
    public StartCheck {
        problems = List.copyOf(problems);
    }

    public boolean blocked() {
        return start == null;
    }
}
