package dev.sluice.qemu;

import java.util.OptionalDouble;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads the percentage {@code qemu-img convert -p} redraws with a carriage return:
 * {@code "    (12.34/100%)\r"}. The runner splits output at \r, so each redraw arrives as one line.
 */
public final class ConvertProgress {
    private static final Pattern PERCENT = Pattern.compile("\\(\\s*(\\d{1,3}(?:\\.\\d+)?)/100%\\)");

    private ConvertProgress() {
    }

    public static OptionalDouble percent(String line) {
        Matcher m = PERCENT.matcher(line);
        double last = -1;
        while (m.find()) {
            last = Double.parseDouble(m.group(1));
        }
        return last < 0 ? OptionalDouble.empty() : OptionalDouble.of(Math.min(100.0, last));
    }
}
