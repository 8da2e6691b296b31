package dev.sluice.migrate;

import dev.sluice.libvirt.DomainXml;
import dev.sluice.libvirt.LibvirtService;
import dev.sluice.libvirt.VirshCommands;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * A libvirt guest defined on the target host: the source's persistent definition ({@code dumpxml --inactive}),
 * its one disk re-pointed at the moved zvol, defined there on stdin and read back. Same name and UUID as on the
 * source, as {@code virsh migrate} keeps them. A roll back undefines it there (disks untouched), and only a
 * definition that is off and still points at the moved zvol.
 */
public final class VirshLanding implements Landing {
    private final LibvirtService source;
    private final LibvirtService there;
    private final String uuid;
    private final String name;
    private final String disk;
    private final String oldDevice;
    private final String hostName;
    private final Duration shutdownTimeout;

    public VirshLanding(LibvirtService source, LibvirtService there, String uuid, String name, String disk, String oldDevice,
                        String hostName, Duration shutdownTimeout) {
        this.source = source;
        this.there = there;
        this.uuid = uuid;
        this.name = name;
        this.disk = disk;
        this.oldDevice = oldDevice;
        this.hostName = hostName;
        this.shutdownTimeout = shutdownTimeout;
    }

    @Override
    public String describe() {
        return MigrationText.t("migrate.guest.libvirt", name) + " @ " + hostName;
    }

    @Override
    public void land(String device) throws Exception {
        Optional<String> existing = there.inactiveXmlIfDefined(uuid);
        if (existing.isPresent()) {
            if (device.equals(DomainXml.blockSource(existing.get(), disk))) {
                return;
            }
            throw new IllegalStateException(MigrationText.t("migrate.guest.definedThere", name, hostName));
        }
        String xml = DomainXml.repoint(source.inactiveXml(uuid), disk, oldDevice, device);
        there.define(uuid, xml);
        String now = there.inactiveXmlIfDefined(uuid).map(x -> {
            try {
                return DomainXml.blockSource(x, disk);
            } catch (Exception e) {
                return null;
            }
        }).orElse(null);
        if (!device.equals(now)) {
            throw new IllegalStateException(MigrationText.t("migrate.guest.landCheckFailed", name, hostName, device, String.valueOf(now)));
        }
    }

    @Override
    public void unland(String device) throws Exception {
        Optional<String> existing = there.inactiveXmlIfDefined(uuid);
        if (existing.isEmpty()) {
            return;
        }
        if (!device.equals(DomainXml.blockSource(existing.get(), disk)) || there.state(uuid).isActive()) {
            throw new IllegalStateException(MigrationText.t("migrate.guest.notOursThere", name, hostName));
        }
        there.undefine(uuid);
    }

    @Override
    public boolean landed() throws Exception {
        return there.inactiveXmlIfDefined(uuid).isPresent();
    }

    @Override
    public boolean running() throws Exception {
        return there.inactiveXmlIfDefined(uuid).isPresent() && there.state(uuid).isActive();
    }

    @Override
    public void start() throws Exception {
        if (!running()) {
            there.start(uuid);
        }
    }

    @Override
    public void stop(StepContext ctx) throws Exception {
        there.shutdown(uuid, shutdownTimeout, ctx.asTaskContext());
    }

    @Override
    public List<List<String>> landCommands(String device) {
        return List.of(List.of("# " + MigrationText.t("migrate.guest.onSource")), VirshCommands.dumpInactiveXml(uuid).argv(),
                List.of("# " + MigrationText.t("migrate.guest.libvirtRepoint", disk, oldDevice, device)),
                List.of("# " + MigrationText.t("migrate.guest.onTarget", hostName)),
                VirshCommands.define("").argv(), VirshCommands.dumpInactiveXml(uuid).argv());
    }

    @Override
    public List<List<String>> startCommands(String device) {
        return List.of(List.of("# " + MigrationText.t("migrate.guest.onTarget", hostName)), VirshCommands.start(uuid).argv());
    }
}
