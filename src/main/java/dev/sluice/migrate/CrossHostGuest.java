package dev.sluice.migrate;

import java.util.List;

/**
 * A guest whose disk moves to another host: it stops on the source host (and its disk is detached there, for
 * VirtualBox), and is defined and started on the target host, pointing at the moved zvol. Until it has landed
 * there, starting means starting it on the source again (a roll back's undo of the stop); once landed, the
 * target's copy is the one that runs. The source's definition stays as it was: stopped, on the old zvol.
 */
public final class CrossHostGuest implements GuestControl {
    private final GuestControl source;
    private final Landing target;
    private final String sourceDevice;

    public CrossHostGuest(GuestControl source, Landing target, String sourceDevice) {
        this.source = source;
        this.target = target;
        this.sourceDevice = sourceDevice;
    }

    /** Before anything runs: a guest of that name already defined on the target would be in the way. */
    @Override
    public List<String> planRefusals() throws Exception {
        return target.landed() ? List.of(MigrationText.t("migrate.guest.alreadyThere", target.describe())) : List.of();
    }

    @Override
    public String describe() {
        return source.describe();
    }

    /** The guest is finished on the target by hand: the plan has no start step. */
    public boolean manual() {
        return target.manual();
    }

    @Override
    public boolean isRunning() throws Exception {
        return target.landed() ? target.running() : source.isRunning();
    }

    @Override
    public void stop(StepContext ctx) throws Exception {
        if (target.landed() && target.running()) {
            target.stop(ctx);
        } else {
            source.stop(ctx);
        }
    }

    @Override
    public void start() throws Exception {
        if (target.landed()) {
            target.start();
        } else {
            source.start();
        }
    }

    @Override
    public void detach(String device) throws Exception {
        if (device.equals(sourceDevice)) {
            source.detach(device);
        } else {
            target.unland(device);
        }
    }

    @Override
    public void attach(String device) throws Exception {
        if (device.equals(sourceDevice)) {
            source.attach(device);
        } else {
            target.land(device);
        }
    }

    @Override
    public List<List<String>> stopCommands() {
        return source.stopCommands();
    }

    @Override
    public List<List<String>> startCommands(String device) throws Exception {
        return target.startCommands(device);
    }

    @Override
    public List<List<String>> detachCommands(String device) {
        return source.detachCommands(device);
    }

    @Override
    public List<List<String>> attachCommands(String device) {
        return target.landCommands(device);
    }
}
