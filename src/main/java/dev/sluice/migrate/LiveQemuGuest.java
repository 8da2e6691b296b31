package dev.sluice.migrate;

import dev.sluice.qemu.QemuDrive;
import dev.sluice.qemu.QemuVmService;
import dev.sluice.qemu.live.LiveDriveMove;
import dev.sluice.qemu.live.LiveSupport;
import java.time.Duration;
import java.util.List;

/**
 * A Sluice-defined QEMU guest that can also move live: everything {@link QemuGuest} does (stop and send, roll
 * back), plus the running QEMU's QMP session for the mirror. Re-pointing the definition ({@link #attach}) after the
 * pivot makes the next start use the new disk.
 */
public final class LiveQemuGuest implements LiveGuest {
    private final QemuGuest plain;
    private final QemuVmService qemu;
    private final String name;
    private final String oldDevice;

    public LiveQemuGuest(QemuVmService qemu, String name, String oldDevice, Duration shutdownTimeout) {
        this.plain = new QemuGuest(qemu, name, oldDevice, shutdownTimeout);
        this.qemu = qemu;
        this.name = name;
        this.oldDevice = oldDevice;
    }

    @Override
    public LiveSupport liveSupport() throws Exception {
        return LiveSupport.probe(qemu.session(name));
    }

    @Override
    public LiveDriveMove liveMove(String drive, String tag) throws Exception {
        return new LiveDriveMove(qemu.session(name), drive, tag);
    }

    @Override
    public String aio() {
        return qemu.store().find(name).flatMap(d -> d.drives().stream()
                        .filter(x -> x.source().equals(oldDevice)).findFirst())
                .map(QemuDrive::aio).orElse(QemuDrive.Aio.THREADS).qemuName();
    }

    @Override
    public String describe() {
        return plain.describe();
    }

    @Override
    public boolean isRunning() {
        return plain.isRunning();
    }

    @Override
    public void stop(StepContext ctx) throws Exception {
        plain.stop(ctx);
    }

    @Override
    public void start() throws Exception {
        plain.start();
    }

    @Override
    public void detach(String device) throws Exception {
        plain.detach(device);
    }

    @Override
    public void attach(String device) throws Exception {
        plain.attach(device);
    }

    @Override
    public List<List<String>> stopCommands() {
        return plain.stopCommands();
    }

    @Override
    public List<List<String>> startCommands(String device) throws Exception {
        return plain.startCommands(device);
    }

    @Override
    public List<List<String>> detachCommands(String device) {
        return plain.detachCommands(device);
    }

    @Override
    public List<List<String>> attachCommands(String device) {
        return plain.attachCommands(device);
    }
}
