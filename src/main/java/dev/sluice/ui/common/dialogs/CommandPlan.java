package dev.sluice.ui.common.dialogs;

import dev.sluice.host.Command;
import java.util.List;
import java.util.Objects;
import java.util.stream.Collectors;

/**
 * What the user is asked to confirm: a title, one sentence, the exact commands that will run, and
 * for destructive actions what goes ({@code details}, e.g. the {@code zfs destroy -nvp} preview) plus
 * an optional acknowledgement the user must tick ("data past the new end is lost"). ViewModels build
 * plans (no JavaFX here); {@link CommandConfirmDialog} shows them.
 */
public record CommandPlan(String title, String sentence, List<Command> commands, boolean destructive,
                          List<String> details, String acknowledgement, String confirmLabel) {

    public CommandPlan {
        Objects.requireNonNull(title, "title");
        Objects.requireNonNull(sentence, "sentence");
        commands = List.copyOf(commands);
        details = details == null ? List.of() : List.copyOf(details);
    }

    public static CommandPlan of(String title, String sentence, List<Command> commands) {
        return new CommandPlan(title, sentence, commands, false, List.of(), null, null);
    }

    public static CommandPlan destructive(String title, String sentence, List<Command> commands, List<String> whatGoes) {
        return new CommandPlan(title, sentence, commands, true, whatGoes, null, null);
    }

    public CommandPlan withAcknowledgement(String text) {
        return new CommandPlan(title, sentence, commands, destructive, details, text, confirmLabel);
    }

    public CommandPlan withDetails(List<String> lines) {
        return new CommandPlan(title, sentence, commands, destructive, lines, acknowledgement, confirmLabel);
    }

    /** The confirm button's text ("Destroy", "Start scrub"); null means a generic "Run". */
    public CommandPlan withConfirmLabel(String label) {
        return new CommandPlan(title, sentence, commands, destructive, details, acknowledgement, label);
    }

    /**
     * The commands as a user would type them, one per line. Secret stdin is never shown: the line says
     * the command reads a passphrase instead.
     */
    public String shellText() {
        return commands.stream().map(CommandPlan::shellLine).collect(Collectors.joining("\n"));
    }

    public static String shellLine(Command c) {
        String line = c.toShell();
        if (c.stdin() != null && c.stdinSecret()) {
            return line + "    # reads the passphrase from stdin";
        }
        return line;
    }
}
