package dev.sluice.migrate;

import dev.sluice.host.Command;
import dev.sluice.host.CommandResult;
import dev.sluice.host.ProcessCommandRunner;
import dev.sluice.host.SshHop;
import dev.sluice.host.StreamRoute;
import java.util.Optional;

/**
 * Picks how a stream crosses from one host to another: directly when the source host can log in to the target
 * by itself (probed first: its own keys, host-key checking on, no prompts), else relayed through this machine.
 * From or to this machine the stream passes here anyway: relayed, without a probe.
 */
public final class RouteChoice {
    private RouteChoice() {
    }

    /** The route and the plan's note on it. */
    public record Chosen(StreamRoute route, boolean direct, String note) {
    }

    /**
     * {@code hop}: how {@code from} reaches {@code to} (empty: under the name Sluice uses for {@code to}). Blocking: the
     * probe is one ssh from {@code from}'s host to {@code to}'s, at most 30 s.
     */
    public static Chosen choose(ProcessCommandRunner from, ProcessCommandRunner to, Optional<SshHop> hop) {
        if (from.host().isLocal() || to.host().isLocal()) {
            return new Chosen(StreamRoute.relayed(from, to), false, MigrationText.t("migrate.plan.routeRelayedLocal"));
        }
        SshHop h = hop.orElseGet(() -> SshHop.to(to.host()));
        String why;
        try {
            CommandResult r = from.runAllowingFailure(h.probeCommand(to.hostArgv(Command.of("zfs", "version").asRoot())));
            if (r.ok()) {
                return new Chosen(StreamRoute.direct(from, h, to), true,
                        MigrationText.t("migrate.plan.routeDirect", from.host().displayName(), to.host().displayName(), h));
            }
            why = lastLine(r.stderr(), "ssh exit " + r.exitCode());
        } catch (Exception e) {
            why = lastLine(e.getMessage(), e.getClass().getSimpleName());
        }
        return new Chosen(StreamRoute.relayed(from, to), false,
                MigrationText.t("migrate.plan.routeRelayed", from.host().displayName(), h, why));
    }

    private static String lastLine(String s, String fallback) {
        if (s == null || s.isBlank()) {
            return fallback;
        }
        return s.strip().lines().filter(l -> !l.isBlank()).reduce((a, b) -> b).orElse(fallback);
    }
}
