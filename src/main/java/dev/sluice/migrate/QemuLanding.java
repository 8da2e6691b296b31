package dev.sluice.migrate;

import dev.sluice.qemu.QemuDrive;
import dev.sluice.qemu.QemuVmDefinition;
import dev.sluice.qemu.QemuVmService;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * A Sluice-defined QEMU guest defined on the target host: the source's definition with its zvol drive on the
 * moved zvol, saved in the target host's VM store and started by the target's QEMU service. A roll back removes
 * it there, and only a definition that is off and still points at the moved zvol.
 */
public final class QemuLanding implements Landing {
    private final QemuVmService source;
    private final QemuVmService there;
    private final String name;
    private final String oldDevice;
    private final String hostName;
    private final Duration shutdownTimeout;

    public QemuLanding(QemuVmService source, QemuVmService there, String name, String oldDevice, String hostName,
                       Duration shutdownTimeout) {
        this.source = source;
        this.there = there;
        this.name = name;
        this.oldDevice = oldDevice;
        this.hostName = hostName;
        this.shutdownTimeout = shutdownTimeout;
    }

    @Override
    public String describe() {
        return MigrationText.t("migrate.guest.qemu", name) + " @ " + hostName;
    }

    @Override
    public void land(String device) throws Exception {
        Optional<QemuVmDefinition> existing = there.store().find(name);
        if (existing.isPresent()) {
            if (pointsAt(existing.get(), device)) {
                return;
            }
            throw new IllegalStateException(MigrationText.t("migrate.guest.definedThere", name, hostName));
        }
        there.store().save(definitionThere(device));
    }

    /** The definition as it will be saved on the target host. */
    QemuVmDefinition definitionThere(String device) {
        QemuVmDefinition def = source.store().find(name).orElseThrow(() -> new IllegalStateException(
                MigrationText.t("migrate.guest.qemuGone", name, oldDevice)));
        return def.withZvolMoved(List.of(oldDevice), device).orElseThrow(() -> new IllegalStateException(
                MigrationText.t("migrate.guest.qemuNoDrive", name, oldDevice, device)));
    }

    private static boolean pointsAt(QemuVmDefinition def, String device) {
        return def.drives().stream().anyMatch(d -> d.backing() == QemuDrive.Backing.ZVOL && d.source().equals(device));
    }

    @Override
    public void unland(String device) throws Exception {
        Optional<QemuVmDefinition> existing = there.store().find(name);
        if (existing.isEmpty()) {
            return;
        }
        if (!pointsAt(existing.get(), device) || running()) {
            throw new IllegalStateException(MigrationText.t("migrate.guest.notOursThere", name, hostName));
        }
        there.store().delete(name);
    }

    @Override
    public boolean landed() {
        return there.store().find(name).isPresent();
    }

    @Override
    public boolean running() {
        return QemuGuest.runs(there.state(name));
    }

    @Override
    public void start() throws Exception {
        if (!running()) {
            there.start(name);
        }
    }

    @Override
    public void stop(StepContext ctx) throws Exception {
        there.stop(name, shutdownTimeout);
    }

    @Override
    public List<List<String>> landCommands(String device) {
        return List.of(List.of("# " + MigrationText.t("migrate.guest.qemuLand", name, hostName, oldDevice, device)));
    }

    @Override
    public List<List<String>> startCommands(String device) {
        List<List<String>> out = new ArrayList<>();
        out.add(List.of("# " + MigrationText.t("migrate.guest.onTarget", hostName)));
        try {
            out.add(there.commandLine(definitionThere(device)));
        } catch (RuntimeException e) {
            out.add(List.of("# " + e.getMessage()));
        }
        return out;
    }
}
