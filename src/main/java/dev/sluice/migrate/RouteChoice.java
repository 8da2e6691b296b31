package dev.sluice.migrate;

import dev.sluice.host.Command;
import dev.sluice.host.CommandResult;
import dev.sluice.host.ProcessCommandRunner;
import dev.sluice.host.SshHop;
import dev.sluice.host.StreamRoute;
import dev.sluice.host.WireOptions;
import dev.sluice.host.WireTools;
import java.util.List;
import java.util.Optional;

/**
 * Picks how a stream crosses from one host to another: directly when the source host can log in to the target
 * by itself (probed first: its own keys, host-key checking on, no prompts), else relayed through this machine.
 * From or to this machine the stream passes here anyway: relayed, without a probe.
 *
 * <p>Either way both hosts are asked which wire programs they have ({@link WireTools}): a compressor both have
 * (zstd, else lz4) compresses the stream between them, and each end with {@code mbuffer} buffers it. The note
 * says what was chosen and, for what was not, which host lacks it.
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
        WireTools onSource = WireTools.probe(from);
        WireTools onTarget = WireTools.probe(to);
        WireOptions wire = WireTools.choose(onSource, onTarget);
        String wireNote = " " + wireNote(wire, onSource, onTarget, from.host().displayName(), to.host().displayName());
        if (from.host().isLocal() || to.host().isLocal()) {
            return new Chosen(StreamRoute.relayed(from, to, wire), false, MigrationText.t("migrate.plan.routeRelayedLocal") + wireNote);
        }
        SshHop h = hop.orElseGet(() -> SshHop.to(to.host()));
        String why;
        try {
            CommandResult r = from.runAllowingFailure(h.probeCommand(to.hostArgv(Command.of("zfs", "version").asRoot())));
            if (r.ok()) {
                return new Chosen(StreamRoute.direct(from, h, to, wire), true,
                        MigrationText.t("migrate.plan.routeDirect", from.host().displayName(), to.host().displayName(), h) + wireNote);
            }
            why = lastLine(r.stderr(), "ssh exit " + r.exitCode());
        } catch (Exception e) {
            why = lastLine(e.getMessage(), e.getClass().getSimpleName());
        }
        return new Chosen(StreamRoute.relayed(from, to, wire), false,
                MigrationText.t("migrate.plan.routeRelayed", from.host().displayName(), h, why) + wireNote);
    }

    /** What {@code wire} puts on the wire, and for what it leaves out, which host lacks the program. */
    static String wireNote(WireOptions wire, WireTools source, WireTools target, String sourceName, String targetName) {
        String compression = wire.compression().map(c -> MigrationText.t("migrate.plan.wireCompressed", c.program()))
                .orElseGet(() -> noCompression(source, target, sourceName, targetName));
        String buffer;
        if (wire.sourceBuffer().isPresent() && wire.targetBuffer().isPresent()) {
            buffer = MigrationText.t("migrate.plan.wireBufferBoth", wire.sourceBuffer().get().mebibytes());
        } else if (wire.sourceBuffer().isPresent()) {
            buffer = MigrationText.t("migrate.plan.wireBufferOne", wire.sourceBuffer().get().mebibytes(), sourceName, targetName);
        } else if (wire.targetBuffer().isPresent()) {
            buffer = MigrationText.t("migrate.plan.wireBufferOne", wire.targetBuffer().get().mebibytes(), targetName, sourceName);
        } else {
            buffer = MigrationText.t("migrate.plan.wireBufferNone");
        }
        return compression + " " + buffer;
    }

    private static String noCompression(WireTools source, WireTools target, String sourceName, String targetName) {
        List<String> on = compressors(source);
        List<String> there = compressors(target);
        if (on.isEmpty() && there.isEmpty()) {
            return MigrationText.t("migrate.plan.wireNoCompressionBoth", sourceName, targetName);
        }
        if (on.isEmpty() || there.isEmpty()) {
            return MigrationText.t("migrate.plan.wireNoCompressionOne", on.isEmpty() ? sourceName : targetName);
        }
        return MigrationText.t("migrate.plan.wireNoCommonCompressor", sourceName, String.join(", ", on), targetName, String.join(", ", there));
    }

    private static List<String> compressors(WireTools tools) {
        return java.util.Arrays.stream(WireOptions.Compressor.values()).map(WireOptions.Compressor::program).filter(tools::has).toList();
    }

    private static String lastLine(String s, String fallback) {
        if (s == null || s.isBlank()) {
            return fallback;
        }
        return s.strip().lines().filter(l -> !l.isBlank()).reduce((a, b) -> b).orElse(fallback);
    }
}
