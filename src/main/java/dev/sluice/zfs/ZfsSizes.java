package dev.sluice.zfs;

import java.math.BigDecimal;
import java.math.RoundingMode;

/**
 * Sizes as admins type them and as ZFS reads them ({@code zfs_nicestrtonum}): a number, optionally
 * with a fraction, then an optional suffix {@code B K M G T P E}, each optionally followed by
 * {@code B} or {@code iB}, in any case. All suffixes are powers of 1024 ({@code 1G} = {@code 1GiB}
 * = 1073741824), as in ZFS. Fractions are truncated to whole bytes, as ZFS does.
 */
public final class ZfsSizes {
    private static final String UNITS = "BKMGTPE";

    private ZfsSizes() {
    }

    /** Bytes for {@code 10G}, {@code 512M}, {@code 1.5T}, {@code 4096}, {@code 10GiB}; a clear error otherwise. */
    public static long parse(String text) throws InvalidSizeException {
        if (text == null || text.isBlank()) {
            throw new InvalidSizeException(text == null ? "" : text, "No size given. Enter a size such as 10G, 512M or 1.5T.");
        }
        String s = text.strip();
        int i = 0;
        while (i < s.length() && (Character.isDigit(s.charAt(i)) || s.charAt(i) == '.')) {
            i++;
        }
        String number = s.substring(0, i);
        String suffix = s.substring(i).strip();
        if (number.isEmpty() || number.chars().filter(c -> c == '.').count() > 1 || number.equals(".")) {
            throw new InvalidSizeException(text, "'" + text + "' is not a size: it must start with a number. Enter a size such as 10G, 512M or 1.5T.");
        }
        int shift = shiftOf(suffix, text);
        BigDecimal bytes = new BigDecimal(number.endsWith(".") ? number + "0" : number)
                .multiply(BigDecimal.valueOf(2).pow(shift)).setScale(0, RoundingMode.DOWN);
        if (bytes.compareTo(BigDecimal.valueOf(Long.MAX_VALUE)) > 0) {
            throw new InvalidSizeException(text, "'" + text + "' is larger than ZFS can store (at most 8E). Enter a smaller size.");
        }
        return bytes.longValueExact();
    }

    /** Like {@link #parse}, and the size must be above zero and a multiple of {@code blockSize}. */
    public static long parseVolumeSize(String text, long blockSize) throws InvalidSizeException {
        long size = parse(text);
        requireVolumeSize(text, size, blockSize);
        return size;
    }

    /**
     * A volsize must be above zero and a multiple of volblocksize. {@code zfs set volsize} refuses
     * others ("'volsize' must be a multiple of volume block size (16K)"); {@code zfs create -V} on
     * OpenZFS 2.3 silently rounds up (1000000 became 1015808 with 16K blocks); older versions refuse.
     * Sluice asks for an exact multiple in both cases, so the size the user sees is the size they get,
     * and names the nearest valid sizes.
     */
    public static void requireVolumeSize(String input, long size, long blockSize) throws InvalidSizeException {
        if (size <= 0) {
            throw new InvalidSizeException(input, "A volume cannot be 0 bytes. Enter a size such as 10G.");
        }
        if (blockSize > 0 && size % blockSize != 0) {
            long down = size - size % blockSize;
            long up = down + blockSize;
            throw new InvalidSizeException(input, "A volume's size must be a multiple of its block size (volblocksize "
                    + format(blockSize) + "); " + input + " is " + size + " bytes. Use " + format(up)
                    + (down > 0 ? " or " + format(down) : "") + ".");
        }
    }

    /** The volume block size a new zvol gets when none is given: 16K since OpenZFS 2.2, 8K before. */
    public static long defaultVolBlockSize(ZfsVersion version) {
        return version.atLeast(2, 2) ? 16384 : 8192;
    }

    /** Short form a user can type back: exact when possible ({@code 16K}, {@code 1.5G}), else bytes. */
    public static String format(long bytes) {
        if (bytes < 1024) {
            return bytes + "B";
        }
        for (int shift = 6; shift >= 1; shift--) {
            long unit = 1L << (10 * shift);
            if (bytes >= unit) {
                if (bytes % unit == 0) {
                    return (bytes / unit) + String.valueOf(UNITS.charAt(shift));
                }
                BigDecimal v = BigDecimal.valueOf(bytes).divide(BigDecimal.valueOf(unit));
                if (v.scale() <= 2) {
                    return v.stripTrailingZeros().toPlainString() + UNITS.charAt(shift);
                }
            }
        }
        return Long.toString(bytes);
    }

    /** Rounded for display, e.g. {@code 48.9M}: never parse this back for an exact size. */
    public static String human(long bytes) {
        if (bytes < 1024) {
            return bytes + "B";
        }
        int shift = Math.min(6, (63 - Long.numberOfLeadingZeros(bytes)) / 10);
        double v = bytes / (double) (1L << (10 * shift));
        return (v >= 100 ? String.format(java.util.Locale.ROOT, "%.0f", v) : v >= 10 ? String.format(java.util.Locale.ROOT, "%.1f", v) : String.format(java.util.Locale.ROOT, "%.2f", v))
                + UNITS.charAt(shift);
    }

    private static int shiftOf(String suffix, String text) throws InvalidSizeException {
        if (suffix.isEmpty()) {
            return 0;
        }
        String u = suffix.toUpperCase(java.util.Locale.ROOT);
        int idx = UNITS.indexOf(u.charAt(0));
        boolean ok = idx >= 0 && (u.length() == 1
                || (idx > 0 && (u.substring(1).equals("B") || u.substring(1).equals("IB"))));
        if (!ok) {
            throw new InvalidSizeException(text, "'" + text + "' has an unknown unit '" + suffix
                    + "'. Use K, M, G, T, P or E (powers of 1024; KB, KiB and the like also work), e.g. 10G.");
        }
        return idx * 10;
    }
}
