package dev.sluice.vbox;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Builds a {@link VBoxVm} from showvminfo --machinereadable. Attachment keys start with the
 * controller's own name ({@code "SATA Controller-0-0"}, {@code "SATA Controller-ImageUUID-0-0"}),
 * so they are matched against the names from {@code storagecontrollernameN}, longest first
 * (a user may name one controller "NVMe" and another "NVMe-2"). Handles both the 6.x keys
 * ({@code "IDE-IsEjected"} after the DVD's slot) and the 7.x ones ({@code "IDE-IsEjected-1-0"}).
 */
public final class VBoxVmParser {
    private static final Pattern SLOT = Pattern.compile("(\\d+)-(\\d+)");
    private static final Pattern SLOT_FIELD = Pattern.compile("(ImageUUID|tempeject|IsEjected)(?:-(\\d+)-(\\d+))?");

    private VBoxVmParser() {
    }

    public static VBoxVm parse(String output) {
        return parse(MachineReadable.parse(output));
    }

    public static VBoxVm parse(Map<String, String> kv) {
        List<StorageController> controllers = new ArrayList<>();
        for (int i = 0; kv.containsKey("storagecontrollername" + i); i++) {
            controllers.add(new StorageController(i, kv.get("storagecontrollername" + i), kv.getOrDefault("storagecontrollertype" + i, ""),
                    intOr(kv.get("storagecontrollerportcount" + i), 0), "on".equals(kv.get("storagecontrollerbootable" + i))));
        }
        List<StorageController> longestFirst = new ArrayList<>(controllers);
        longestFirst.sort(Comparator.comparingInt((StorageController c) -> c.name().length()).reversed());

        List<StorageAttachment> slots = new ArrayList<>();
        for (Map.Entry<String, String> e : kv.entrySet()) {
            for (StorageController c : longestFirst) {
                if (!e.getKey().startsWith(c.name() + "-")) {
                    continue;
                }
                String rest = e.getKey().substring(c.name().length() + 1);
                if (apply(c, rest, e.getValue(), slots)) {
                    break;
                }
            }
        }
        slots.sort(Comparator.comparing((StorageAttachment a) -> controllerIndex(controllers, a.controller()))
                .thenComparingInt(StorageAttachment::port).thenComparingInt(StorageAttachment::device));
        return new VBoxVm(kv.getOrDefault("UUID", ""), kv.getOrDefault("name", ""), VBoxVmState.of(kv.getOrDefault("VMState", "")),
                intOr(kv.get("cpus"), 0), intOr(kv.get("memory"), 0), kv.getOrDefault("CfgFile", ""), controllers, slots,
                snapshots(kv));
    }

    /**
     * The snapshot tree: {@code SnapshotName} is the root, {@code SnapshotName-1}, {@code SnapshotName-2} its
     * children, {@code SnapshotName-1-1} the first child's first child (VBoxManage's showvminfo). Each parent
     * comes before its children; {@code CurrentSnapshotName} is not a node of its own.
     */
    static List<String> snapshots(Map<String, String> kv) {
        List<String> out = new ArrayList<>();
        walk(kv, "", out);
        return out;
    }

    private static void walk(Map<String, String> kv, String node, List<String> out) {
        String name = kv.get("SnapshotName" + node);
        if (name == null) {
            return;
        }
        out.add(name);
        for (int i = 1; kv.containsKey("SnapshotName" + node + "-" + i); i++) {
            walk(kv, node + "-" + i, out);
        }
    }

    /** Applies one controller-scoped key; false if {@code rest} is not a slot key (try a shorter name). */
    private static boolean apply(StorageController c, String rest, String value, List<StorageAttachment> slots) {
        Matcher slot = SLOT.matcher(rest);
        if (slot.matches()) {
            int port = Integer.parseInt(slot.group(1));
            int device = Integer.parseInt(slot.group(2));
            StorageAttachment a = switch (value) {
                case "none" -> new StorageAttachment(c.name(), port, device, StorageAttachment.Content.NONE,
                        StorageAttachment.DeviceType.NONE, null, null);
                case "emptydrive" -> new StorageAttachment(c.name(), port, device, StorageAttachment.Content.EMPTY_DRIVE,
                        c.isFloppy() ? StorageAttachment.DeviceType.FLOPPY : StorageAttachment.DeviceType.DVD, null, null);
                default -> new StorageAttachment(c.name(), port, device, StorageAttachment.Content.MEDIUM, guessType(c, value), value, null);
            };
            slots.add(a);
            return true;
        }
        Matcher f = SLOT_FIELD.matcher(rest);
        if (!f.matches()) {
            // "hot-pluggable-0-0", "nonrotational-0-0", "dvdpassthrough", ...: known but not needed
            return rest.matches("[A-Za-z-]+(-\\d+-\\d+)?");
        }
        int idx = f.group(2) == null ? lastOf(slots, c.name()) : find(slots, c.name(), Integer.parseInt(f.group(2)), Integer.parseInt(f.group(3)));
        if (idx < 0) {
            return true;
        }
        StorageAttachment a = slots.get(idx);
        slots.set(idx, f.group(1).equals("ImageUUID") ? a.withUuid(value) : a.withDeviceType(StorageAttachment.DeviceType.DVD));
        return true;
    }

    private static StorageAttachment.DeviceType guessType(StorageController c, String path) {
        if (c.isFloppy()) {
            return StorageAttachment.DeviceType.FLOPPY;
        }
        // corrected to DVD by a following tempeject/IsEjected key; .iso is a DVD even without one
        return path.toLowerCase(java.util.Locale.ROOT).endsWith(".iso") ? StorageAttachment.DeviceType.DVD : StorageAttachment.DeviceType.HDD;
    }

    private static int lastOf(List<StorageAttachment> slots, String controller) {
        for (int i = slots.size() - 1; i >= 0; i--) {
            if (slots.get(i).controller().equals(controller) && slots.get(i).content() != StorageAttachment.Content.NONE) {
                return i;
            }
        }
        return -1;
    }

    private static int find(List<StorageAttachment> slots, String controller, int port, int device) {
        for (int i = 0; i < slots.size(); i++) {
            StorageAttachment a = slots.get(i);
            if (a.controller().equals(controller) && a.port() == port && a.device() == device) {
                return i;
            }
        }
        return -1;
    }

    private static int controllerIndex(List<StorageController> cs, String name) {
        for (StorageController c : cs) {
            if (c.name().equals(name)) {
                return c.index();
            }
        }
        return Integer.MAX_VALUE;
    }

    private static int intOr(String s, int dflt) {
        try {
            return s == null ? dflt : Integer.parseInt(s.strip());
        } catch (NumberFormatException e) {
            return dflt;
        }
    }
}
