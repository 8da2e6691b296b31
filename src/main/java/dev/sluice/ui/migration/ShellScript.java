package dev.sluice.ui.migration;

import dev.sluice.migrate.MigrationRecord;
import dev.sluice.migrate.MigrationStep;
import java.util.List;

/**
 * The review page's "Copy as shell script": every step of every plan, in order, as a commented POSIX
 * script an admin can read, keep or run by hand. It stops at the first failing command ({@code set -eu}),
 * as the engine does, but it does not roll back: that is what running it in Sluice adds.
 */
public final class ShellScript {
    private ShellScript() {
    }

    public static String of(List<MigrationRecord> plans) {
        StringBuilder sb = new StringBuilder();
        sb.append("#!/bin/sh\n");
        sb.append("# Written by Sluice: the migration plan as reviewed, step by step.\n");
        sb.append("# Unlike Sluice, this script does not undo earlier steps when a later one fails.\n");
        sb.append("set -eu\n");
        for (MigrationRecord r : plans) {
            sb.append('\n').append("# ==== ").append(oneLine(r.source())).append(" -> ").append(oneLine(r.target()));
            if (r.guest().present()) {
                sb.append(" (VM ").append(oneLine(r.guest().vmName())).append(')');
            }
            sb.append(" [migration ").append(r.id()).append("]\n");
            for (MigrationStep s : r.steps()) {
                sb.append('\n').append("# Step ").append(s.index() + 1).append(": ").append(oneLine(s.title())).append('\n');
                if (s.commands().isEmpty()) {
                    sb.append("# (nothing to run: Sluice only records this step)\n");
                }
                for (String c : s.commands()) {
                    // lines the planner writes as comments ("# then, if still running ...") stay comments
                    sb.append(c.startsWith("#") ? "# " + oneLine(c.substring(1).strip()) : c).append('\n');
                }
            }
        }
        return sb.toString();
    }

    /** A newline inside a name or title must not end the comment and start a command. */
    private static String oneLine(String s) {
        return s.replace('\n', ' ').replace('\r', ' ');
    }
}
