package dev.sluice.metrics;

import dev.sluice.zfs.HostOs;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Which zvol each kernel {@code zdN} device is, from the udev links under {@code /dev/zvol}.
 * Read with {@code find /dev/zvol -type l -printf '%p\t%l\n'}: one "link TAB target" per line.
 * Tabs and newlines cannot occur in ZFS names, and udev writes a space of a zvol name as {@code +}
 * ({@code /dev/zvol/tank/vm+disks/web+1}); {@link HostOs#zvolOf} turns the link back into the name.
 * Partition links ({@code vm-part1 -> ../../zd0p1}) are left out: Sluice charts whole zvols.
 */
public final class ZvolLinks {
    public static final String ROOT = "/dev/zvol";
    private static final Pattern WHOLE_ZVOL = Pattern.compile("zd[0-9]+");

    private ZvolLinks() {
    }

    /** The argv that lists the links. */
    public static List<String> findArgv() {
        return List.of("find", ROOT, "-type", "l", "-printf", "%p\\t%l\\n");
    }

    /** kernel name ({@code zd16}) to zvol name ({@code tank/backup/myvbox}). */
    public static Map<String, String> parse(String findOutput) {
        Map<String, String> byKernelName = new HashMap<>();
        for (String line : findOutput.split("\n")) {
            int tab = line.indexOf('\t');
            if (tab < 0) {
                continue;
            }
            String target = line.substring(tab + 1).strip();
            String kernelName = target.substring(target.lastIndexOf('/') + 1);
            if (WHOLE_ZVOL.matcher(kernelName).matches()) {
                HostOs.LINUX.zvolOf(line.substring(0, tab)).ifPresent(name -> byKernelName.put(kernelName, name));
            }
        }
        return byKernelName;
    }
}
