package dev.sluice.vbox.testing;

import dev.sluice.host.Command;
import dev.sluice.host.CommandException;
import dev.sluice.host.CommandResult;
import dev.sluice.host.CommandRunner;
import dev.sluice.host.Host;
import dev.sluice.host.OutputListener;
import dev.sluice.host.RunningCommand;
import dev.sluice.host.RunningPipeline;
import dev.sluice.vbox.MachineReadable;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The real VBoxManage (in the testbed guest) for everything, except the one thing that cannot happen
 * there: a running VM (no VT-x under TCG; the real {@code startvm} ends with "terminated unexpectedly
 * during startup"). {@code startvm}, {@code controlvm acpipowerbutton|poweroff} keep the double's
 * running-VM states: the VM counts as running, {@code showvminfo} reports {@code VMState="running"}
 * for it, its attachments refuse to change (VirtualBox's hot-plug error), and the ACPI button powers
 * it off a poll later. {@code controlvm} on a VM that is not running goes to the real tool, which
 * answers with its own "is not currently running".
 */
public final class RunningVmOverlay implements CommandRunner {
    private final CommandRunner real;
    private final Map<String, int[]> running = new ConcurrentHashMap<>(); // uuid -> {polls until an ACPI shutdown ends, -1: none}

    public RunningVmOverlay(CommandRunner real) {
        this.real = real;
    }

    @Override
    public Host host() {
        return real.host();
    }

    /** True while the VM counts as running here. */
    public boolean isRunning(String uuid) {
        return running.containsKey(uuid);
    }

    @Override
    public RunningCommand start(Command c, OutputListener listener) {
        List<String> a = c.argv();
        if (!a.get(0).equals("VBoxManage") || a.size() < 3) {
            return real.start(c, listener);
        }
        try {
            return switch (a.get(1)) {
                case "startvm" -> startVm(c, a.get(2));
                case "controlvm" -> controlVm(c, a.get(2), a.get(3), listener);
                case "showvminfo" -> showVmInfo(c, a.get(2), listener);
                case "storageattach" -> isRunning(uuidOf(a.get(2))) ? done(c, 1, "", hotPlugRefused(a)) : real.start(c, listener);
                default -> real.start(c, listener);
            };
        } catch (CommandException e) {
            return failed(c, e);
        }
    }

    @Override
    public RunningCommand startInteractive(Command command, OutputListener listener) {
        return real.startInteractive(command, listener);
    }

    @Override
    public RunningPipeline startPipeline(List<Command> stages, List<OutputListener> listeners) {
        return real.startPipeline(stages, listeners);
    }

    private RunningCommand startVm(Command c, String vm) throws CommandException {
        Map<String, String> info = info(vm);
        String name = info.get("name");
        if (isRunning(info.get("UUID"))) {
            return done(c, 1, "", "VBoxManage: error: The machine '" + name + "' is already locked by a session (or being locked or unlocked)\n"
                    + "VBoxManage: error: Details: code VBOX_E_INVALID_OBJECT_STATE (0x80bb0007), component MachineWrap, interface IMachine, callee nsISupports\n");
        }
        running.put(info.get("UUID"), new int[] {-1});
        return done(c, 0, "Waiting for VM \"" + name + "\" to power on...\nVM \"" + name + "\" has been successfully started.\n", "");
    }

    private RunningCommand controlVm(Command c, String vm, String action, OutputListener listener) throws CommandException {
        String uuid = uuidOf(vm);
        int[] acpi = running.get(uuid);
        if (acpi == null) {
            return real.start(c, listener); // VirtualBox's own "not currently running"
        }
        switch (action) {
            case "acpipowerbutton" -> acpi[0] = 2;
            case "poweroff" -> running.remove(uuid);
            default -> {
                return real.start(c, listener);
            }
        }
        return done(c, 0, "", action.equals("poweroff") ? "0%...10%...20%...30%...40%...50%...60%...70%...80%...90%...100%\n" : "");
    }

    private RunningCommand showVmInfo(Command c, String vm, OutputListener listener) throws CommandException {
        CommandResult r = real.runAllowingFailure(c);
        if (!r.ok()) {
            return done(c, r.exitCode(), r.stdout(), r.stderr());
        }
        String uuid = MachineReadable.parse(r.stdout()).get("UUID");
        int[] acpi = running.get(uuid);
        if (acpi != null && acpi[0] > 0 && --acpi[0] == 0) {
            running.remove(uuid); // the guest finished shutting down
            acpi = null;
        }
        String out = acpi == null ? r.stdout() : r.stdout().replaceFirst("(?m)^VMState=\"[a-z-]+\"$", "VMState=\"running\"");
        return done(c, 0, out, r.stderr());
    }

    private String uuidOf(String vm) throws CommandException {
        return running.containsKey(vm) ? vm : info(vm).getOrDefault("UUID", vm);
    }

    private Map<String, String> info(String vm) throws CommandException {
        return MachineReadable.parse(real.run(Command.of("VBoxManage", "showvminfo", vm, "--machinereadable")).stdout());
    }

    private static String hotPlugRefused(List<String> a) {
        String ctl = opt(a, "--storagectl");
        String port = opt(a, "--port");
        String dev = opt(a, "--device");
        return "VBoxManage: error: The device slot " + dev + " on port " + port + " of controller '" + ctl
                + "' does not support hot-plugging\n"
                + "VBoxManage: error: Details: code VBOX_E_INVALID_VM_STATE (0x80bb0002), component SessionMachine, interface IMachine, callee nsISupports\n";
    }

    private static String opt(List<String> a, String name) {
        int i = a.indexOf(name);
        return i >= 0 && i + 1 < a.size() ? a.get(i + 1) : "0";
    }

    private RunningCommand done(Command c, int exit, String out, String err) {
        CommandResult r = new CommandResult(c, real.hostName(), exit, out, err, Instant.now(), Duration.ZERO, false);
        return completed(c, CompletableFuture.completedFuture(r));
    }

    private static RunningCommand failed(Command c, CommandException e) {
        return completed(c, CompletableFuture.failedFuture(e));
    }

    private static RunningCommand completed(Command c, CompletableFuture<CommandResult> f) {
        return new RunningCommand() {
            @Override
            public Command command() {
                return c;
            }

            @Override
            public CompletableFuture<CommandResult> future() {
                return f;
            }

            @Override
            public void cancel() {
            }
        };
    }
}
