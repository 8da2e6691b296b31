package dev.sluice.vbox;

import dev.sluice.host.Command;
import java.util.ArrayList;
import java.util.List;

/** The VBoxManage argv Sluice runs; one place, so tests and "copy as shell" see exactly these. */
public final class VBoxManageCommands {
    public static final String PROGRAM = "VBoxManage";

    private VBoxManageCommands() {
    }

    public static Command version() {
        return Command.of(PROGRAM, "--version");
    }

    public static Command listVms() {
        return Command.of(PROGRAM, "list", "vms");
    }

    public static Command showVmInfo(String vm) {
        return Command.of(PROGRAM, "showvminfo", vm, "--machinereadable");
    }

    /** Every registered hard disk (there is no machine-readable form; see {@link VBoxMedium}). */
    public static Command listHdds() {
        return Command.of(PROGRAM, "list", "hdds");
    }

    /** Moves a stale VMDK descriptor aside; {@code -n}: never overwrites what is already at {@code aside}. */
    public static Command moveAside(String path, String aside) {
        return Command.of("mv", "-n", "--", path, aside);
    }

    public static Command startHeadless(String vm) {
        return Command.of(PROGRAM, "startvm", vm, "--type", "headless");
    }

    public static Command acpiPowerButton(String vm) {
        return Command.of(PROGRAM, "controlvm", vm, "acpipowerbutton");
    }

    public static Command powerOff(String vm) {
        return Command.of(PROGRAM, "controlvm", vm, "poweroff");
    }

    /** A raw VMDK for a whole device, the way this VirtualBox version does it. */
    public static Command createRawVmdk(VBoxVersion version, String vmdkPath, String device) {
        if (version.hasCreateMediumRawDisk()) {
            return Command.of(PROGRAM, "createmedium", "disk", "--filename", vmdkPath, "--format", "VMDK",
                    "--variant", "RawDisk", "--property", "RawDrive=" + device);
        }
        return Command.of(PROGRAM, "internalcommands", "createrawvmdk", "-filename", vmdkPath, "-rawdisk", device);
    }

    /**
     * Attaches a hard disk. {@code writethrough}: the medium type for raw zvol disks, so
     * VirtualBox snapshots never fork the zvol into a differencing image (ZFS snapshots do that job).
     */
    public static Command attachDisk(String vm, String controller, int port, int device, String medium, boolean writethrough) {
        List<String> a = new ArrayList<>(List.of(PROGRAM, "storageattach", vm, "--storagectl", controller,
                "--port", Integer.toString(port), "--device", Integer.toString(device), "--type", "hdd", "--medium", medium));
        if (writethrough) {
            a.addAll(List.of("--mtype", "writethrough"));
        }
        return Command.of(a);
    }

    /** Detaches: {@code emptydrive} leaves an empty DVD/floppy drive, {@code none} removes the device. */
    public static Command detach(String vm, String controller, int port, int device, boolean leaveEmptyDrive) {
        return Command.of(PROGRAM, "storageattach", vm, "--storagectl", controller, "--port", Integer.toString(port),
                "--device", Integer.toString(device), "--medium", leaveEmptyDrive ? "emptydrive" : "none");
    }

    /** Forgets a medium; {@code --delete} also deletes its file (for a raw VMDK: the descriptor, never the zvol). */
    public static Command closeMedium(String medium, boolean delete) {
        List<String> a = new ArrayList<>(List.of(PROGRAM, "closemedium", "disk", medium));
        if (delete) {
            a.add("--delete");
        }
        return Command.of(a);
    }
}
