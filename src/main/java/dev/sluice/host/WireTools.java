package dev.sluice.host;

import java.time.Duration;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * Which of the wire programs ({@code zstd}, {@code lz4}, {@code mbuffer}) one host has, as the stream itself will
 * find them: {@code command -v} in a plain {@code sh} run the way the stream's stages run (same login, same PATH,
 * not elevated: the wire stages never need root). That works on Linux and illumos alike, and with a PATH that
 * lacks {@code /usr/local/bin} or {@code /opt/local/bin} it says "missing" exactly when the stream would fail.
 */
public record WireTools(Set<String> programs) {
    /** Everything {@link #probeCommand} asks about. */
    static final java.util.List<String> KNOWN = java.util.List.of("zstd", "lz4", WireOptions.Buffer.PROGRAM);

    public WireTools {
        programs = Set.copyOf(programs);
    }

    /** One fixed script, no input of anyone's in it: prints the name of each program found, one a line. */
    public static Command probeCommand() {
        return Command.of("sh", "-c", "for p in " + String.join(" ", KNOWN)
                + "; do command -v \"$p\" >/dev/null 2>&1 && echo \"$p\"; done; exit 0").withTimeout(Duration.ofSeconds(30));
    }

    /** The probe's stdout: known names, one a line; anything else (a login banner, an rc file's chatter) is ignored. */
    public static WireTools parse(String stdout) {
        Set<String> found = new TreeSet<>();
        for (String line : stdout.split("\n")) {
            String name = line.strip();
            if (KNOWN.contains(name)) {
                found.add(name);
            }
        }
        return new WireTools(found);
    }

    /** Asks {@code runner}'s host. Blocking; a probe that fails counts as nothing found (the stream still runs, plain). */
    public static WireTools probe(CommandRunner runner) {
        try {
            CommandResult r = runner.runAllowingFailure(probeCommand());
            return r.ok() ? parse(r.stdout()) : new WireTools(Set.of());
        } catch (CommandException e) {
            return new WireTools(Set.of());
        }
    }

    public boolean has(String program) {
        return programs.contains(program);
    }

    /**
     * The options for a stream from a host with {@code source}'s programs to one with {@code target}'s: the first
     * {@link WireOptions.Compressor} both have, an mbuffer of {@link WireOptions.Buffer#DEFAULT_BYTES} on each end that has one.
     */
    public static WireOptions choose(WireTools source, WireTools target) {
        Optional<WireOptions.Compressor> c = java.util.Arrays.stream(WireOptions.Compressor.values())
                .filter(k -> source.has(k.program()) && target.has(k.program())).findFirst();
        WireOptions.Buffer b = new WireOptions.Buffer(WireOptions.Buffer.DEFAULT_BYTES);
        return new WireOptions(c, source.has(WireOptions.Buffer.PROGRAM) ? Optional.of(b) : Optional.empty(),
                target.has(WireOptions.Buffer.PROGRAM) ? Optional.of(b) : Optional.empty());
    }
}
