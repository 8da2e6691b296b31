package dev.sluice.migrate;

import java.util.List;

/**
 * A guest Sluice cannot define on the target host by itself (a VirtualBox VM: its registration lives in files
 * under the user's VirtualBox folder): the disk moves, the guest stays stopped with its disk detached on the
 * source, and the plan lists exactly what to run on the target. Nothing is started anywhere.
 */
public final class ManualLanding implements Landing {
    private final String guest;
    private final String hostName;
    private final List<List<String>> steps;

    /** {@code steps}: the commands to run on the target, as the review page shows them. */
    public ManualLanding(String guest, String hostName, List<List<String>> steps) {
        this.guest = guest;
        this.hostName = hostName;
        this.steps = List.copyOf(steps);
    }

    @Override
    public String describe() {
        return guest + " @ " + hostName;
    }

    @Override
    public boolean manual() {
        return true;
    }

    @Override
    public void land(String device) {
        // the admin does it: see landCommands
    }

    @Override
    public void unland(String device) {
    }

    @Override
    public boolean landed() {
        return false;
    }

    @Override
    public boolean running() {
        return false;
    }

    @Override
    public void start() {
    }

    @Override
    public void stop(StepContext ctx) {
    }

    @Override
    public List<List<String>> landCommands(String device) {
        List<List<String>> out = new java.util.ArrayList<>();
        out.add(List.of("# " + MigrationText.t("migrate.guest.manualThere", guest, hostName)));
        steps.forEach(s -> out.add(s.size() == 1 && s.get(0).startsWith("#") ? s : List.of("#   " + dev.sluice.host.ShellQuote.join(s))));
        return out;
    }

    @Override
    public List<List<String>> startCommands(String device) {
        return List.of();
    }
}
