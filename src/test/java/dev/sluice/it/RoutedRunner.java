package dev.sluice.it;

import dev.sluice.host.Command;
import dev.sluice.host.CommandRunner;
import dev.sluice.host.Host;
import dev.sluice.host.OutputListener;
import dev.sluice.host.RunningCommand;
import dev.sluice.host.RunningPipeline;
import dev.sluice.vbox.testing.FakeVBoxManage;
import java.util.List;
import java.util.function.Consumer;

/**
 * One host as a migration sees it: real ZFS and real devices on the testbed guest, VirtualBox from the
 * stateful test double (VirtualBox cannot run here). VBoxManage and reads of VM files go to the double;
 * everything else, and every look at a /dev path, goes to the guest. Before each VBoxManage call the
 * double learns which zvol devices really exist, so it refuses a raw VMDK on a missing device as
 * VirtualBox would.
 */
final class RoutedRunner implements CommandRunner {
    private final CommandRunner guest;
    private final CommandRunner vbox;
    private final Runnable syncDevices;

    RoutedRunner(CommandRunner guest, FakeVBoxManage vbox, Consumer<FakeVBoxManage> syncDevices) {
        this(guest, vbox, () -> syncDevices.accept(vbox));
    }

    /** {@code vbox}: the double, or something that wraps it (its state kept in a file); {@code beforeVBox} syncs devices. */
    RoutedRunner(CommandRunner guest, CommandRunner vbox, Runnable beforeVBox) {
        this.guest = guest;
        this.vbox = vbox;
        this.syncDevices = beforeVBox;
    }

    @Override
    public Host host() {
        return guest.host();
    }

    @Override
    public RunningCommand start(Command c, OutputListener listener) {
        List<String> a = c.argv();
        String last = a.get(a.size() - 1);
        boolean toFake = switch (a.get(0)) {
            case "VBoxManage", "id", "mv" -> true;
            case "head", "stat" -> !last.startsWith("/dev/");
            default -> false;
        };
        if (a.get(0).equals("VBoxManage")) {
            syncDevices.run();
        }
        return toFake ? vbox.start(c, listener) : guest.start(c, listener);
    }

    @Override
    public RunningPipeline startPipeline(List<Command> stages, List<OutputListener> listeners) {
        return guest.startPipeline(stages, listeners);
    }
}
