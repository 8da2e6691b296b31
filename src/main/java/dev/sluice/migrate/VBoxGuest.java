package dev.sluice.migrate;

import dev.sluice.vbox.RawVmdkDescriptor;
import dev.sluice.vbox.VBoxException;
import dev.sluice.vbox.VBoxManageCommands;
import dev.sluice.vbox.VBoxMedium;
import dev.sluice.vbox.VBoxService;
import dev.sluice.vbox.VBoxVersion;
import java.time.Duration;
import java.util.List;

/**
 * A VirtualBox guest whose disk is a raw VMDK on a zvol. The descriptor keeps its path: detaching
 * closes and deletes it (the zvol is untouched: a raw VMDK is only a descriptor), attaching writes it
 * again pointing at the new device and attaches it writethrough, as the manual procedure does. When a
 * VirtualBox snapshot still refers to the old descriptor, it stays for that snapshot and the new one
 * is written beside it ({@link VBoxService#prepareRawVmdk}).
 */
public final class VBoxGuest implements GuestControl {
    private final VBoxService vbox;
    private final VBoxVersion version;
    private final String uuid;
    private final String name;
    private final String controller;
    private final int port;
    private final int device;
    private final String vmdkPath;
    private final Duration shutdownTimeout;

    public VBoxGuest(VBoxService vbox, VBoxVersion version, String uuid, String name, String controller, int port, int device,
                     String vmdkPath, Duration shutdownTimeout) {
        this.vbox = vbox;
        this.version = version;
        this.uuid = uuid;
        this.name = name;
        this.controller = controller;
        this.port = port;
        this.device = device;
        this.vmdkPath = vmdkPath;
        this.shutdownTimeout = shutdownTimeout;
    }

    /** The slot as stored in {@link GuestRef#slot()}: {@code controller|port|device}. */
    public static String slot(String controller, int port, int device) {
        return controller + "|" + port + "|" + device;
    }

    @Override
    public String describe() {
        return MigrationText.t("migrate.guest.vbox", name);
    }

    @Override
    public boolean isRunning() throws Exception {
        return vbox.vm(uuid).state().isOnline();
    }

    @Override
    public void stop(StepContext ctx) throws Exception {
        if (isRunning()) {
            vbox.shutdown(uuid, shutdownTimeout, ctx.asTaskContext());
        }
    }

    @Override
    public void start() throws Exception {
        if (!isRunning()) {
            vbox.start(uuid);
        }
    }

    @Override
    public void detach(String dev) throws Exception {
        // Run again when a migration is resumed after Sluice was killed during or right after this step: an empty
        // slot is not detached again, and only a raw VMDK of this disk still registered for dev is closed.
        java.util.Optional<String> attached = currentMedium();
        java.util.Optional<String> medium = attached.isPresent() ? attached : leftOpen(dev);
        if (attached.isPresent()) {
            vbox.detach(uuid, controller, port, device, false);
        }
        if (medium.isEmpty()) {
            return;
        }
        try {
            vbox.closeMedium(medium.get(), true);
        } catch (VBoxException.MediumInUse keptBySnapshots) {
            // a VirtualBox snapshot of the VM still refers to it: it stays registered (pointing at the old
            // device) for that snapshot, and attach() puts the new raw VMDK beside it
        }
    }

    /**
     * The raw VMDK this disk had (its path or a {@code -N} beside it) that VirtualBox still has registered,
     * pointing at {@code dev}, although no slot holds it: detached by a run of {@link #detach} cut short.
     */
    private java.util.Optional<String> leftOpen(String dev) throws Exception {
        int dot = vmdkPath.lastIndexOf('.');
        int slash = vmdkPath.lastIndexOf('/');
        String stem = dot > slash ? vmdkPath.substring(0, dot) : vmdkPath;
        String ext = dot > slash ? vmdkPath.substring(dot) : "";
        for (VBoxMedium m : vbox.hardDisks()) {
            String loc = m.location();
            boolean ours = loc.equals(vmdkPath) || (loc.startsWith(stem + "-") && loc.endsWith(ext)
                    && loc.substring(stem.length() + 1, loc.length() - ext.length()).chars().allMatch(Character::isDigit));
            if (ours && vbox.readDescriptor(loc).flatMap(RawVmdkDescriptor::device).filter(dev::equals).isPresent()) {
                return java.util.Optional.of(loc);
            }
        }
        return java.util.Optional.empty();
    }

    @Override
    public void attach(String dev) throws Exception {
        String path = vbox.prepareRawVmdk(vmdkPath, dev);
        vbox.attachDisk(uuid, controller, port, device, path, true);
    }

    /** What is in the disk's slot now (after an earlier migration it may be a {@code -N.vmdk}). */
    private java.util.Optional<String> currentMedium() throws Exception {
        return vbox.vm(uuid).attachments().stream()
                .filter(a -> a.controller().equals(controller) && a.port() == port && a.device() == device && a.mediumPath() != null)
                .map(dev.sluice.vbox.StorageAttachment::mediumPath).findFirst();
    }

    @Override
    public List<List<String>> stopCommands() {
        return List.of(VBoxManageCommands.acpiPowerButton(uuid).argv(),
                List.of("# " + MigrationText.t("migrate.guest.thenPowerOff", shutdownTimeout.toSeconds())),
                VBoxManageCommands.powerOff(uuid).argv());
    }

    @Override
    public List<List<String>> startCommands(String dev) {
        return List.of(VBoxManageCommands.startHeadless(uuid).argv());
    }

    @Override
    public List<List<String>> detachCommands(String dev) {
        return List.of(VBoxManageCommands.detach(uuid, controller, port, device, false).argv(),
                VBoxManageCommands.closeMedium(vmdkPath, true).argv());
    }

    @Override
    public List<List<String>> attachCommands(String dev) {
        return List.of(VBoxManageCommands.createRawVmdk(version, vmdkPath, dev).argv(),
                VBoxManageCommands.attachDisk(uuid, controller, port, device, vmdkPath, true).argv());
    }
}
