package dev.sluice.vbox;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * {@code VBoxManage --version}: "7.0.14r161095", "6.1.38_Ubuntur153438". 7.x creates raw VMDKs
 * with {@code createmedium --variant RawDisk}; 6.x with {@code internalcommands createrawvmdk}.
 */
public record VBoxVersion(int major, int minor, int build, long revision, String raw) {
    private static final Pattern VERSION = Pattern.compile("^(\\d+)\\.(\\d+)\\.(\\d+)\\S*?(?:r(\\d+))?$");

    /** Takes the last non-blank line: VBoxManage may print a kernel-module warning first. */
    public static VBoxVersion parse(String output) {
        String line = output.strip().lines().map(String::strip).filter(l -> !l.isEmpty())
                .reduce((a, b) -> b).orElse("");
        Matcher m = VERSION.matcher(line);
        if (!m.matches()) {
            throw new IllegalArgumentException("VBoxManage --version printed \"" + line + "\", which is not a version");
        }
        return new VBoxVersion(Integer.parseInt(m.group(1)), Integer.parseInt(m.group(2)), Integer.parseInt(m.group(3)),
                m.group(4) == null ? 0 : Long.parseLong(m.group(4)), line);
    }

    public boolean hasCreateMediumRawDisk() {
        return major >= 7;
    }

    @Override
    public String toString() {
        return major + "." + minor + "." + build;
    }
}
