package dev.sluice.qemu.preflight;

import java.util.List;
import java.util.stream.Collectors;

/** A VM was not started because preflight found blocking problems; the message lists each with its fix. */
public final class PreflightFailed extends Exception {
    private final transient List<PreflightProblem> problems;

    public PreflightFailed(String vm, List<PreflightProblem> problems) {
        super("The VM " + vm + " was not started: " + problems.stream().map(PreflightProblem::text)
                .collect(Collectors.joining(" ")));
        this.problems = List.copyOf(problems);
    }

    public List<PreflightProblem> problems() {
        return problems;
    }
}
