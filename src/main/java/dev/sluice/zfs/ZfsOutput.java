package dev.sluice.zfs;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/** Small parsers for machine output that is not a {@code zfs list} table. */
public final class ZfsOutput {
    private ZfsOutput() {
    }

    /** {@code zfs destroy -nvp}: {@code destroy<TAB>name} lines and an optional {@code reclaim<TAB>bytes}. */
    public static List<String> destroyedNames(String output) {
        List<String> names = new ArrayList<>();
        for (String line : output.split("\n")) {
            if (line.startsWith("destroy\t")) {
                names.add(line.substring("destroy\t".length()));
            }
        }
        return names;
    }

    /** The {@code reclaim} figure of {@code zfs destroy -nvp}, or -1 when zfs printed none. */
    public static long reclaimBytes(String output) {
        for (String line : output.split("\n")) {
            if (line.startsWith("reclaim\t")) {
                return ZfsListParser.num(line.substring("reclaim\t".length()).strip());
            }
        }
        return -1;
    }

    /**
     * {@code zfs holds -Hp} (2.2+: snapshot, tag, epoch seconds) or {@code zfs holds -H} (2.1: the
     * third field is a human date in the host's locale, kept as text). Tags may contain spaces.
     */
    public static List<Hold> holds(String output) {
        List<Hold> out = new ArrayList<>();
        for (String line : output.split("\n")) {
            if (line.isBlank()) {
                continue;
            }
            String[] f = line.split("\t", -1);
            if (f.length < 3) {
                throw new UnexpectedOutputException("snapshot<TAB>tag<TAB>time", line);
            }
            long epoch = ZfsListParser.num(f[2]);
            out.add(new Hold(f[0], f[1], epoch >= 0 ? Instant.ofEpochSecond(epoch) : null, f[2]));
        }
        return out;
    }

    /** The value of {@code zfs get -Hp receive_resume_token DATASET}, or null for "-" (nothing to resume). */
    public static String resumeToken(String output) {
        for (Property p : PropertyParser.parse(output)) {
            if (p.name().equals("receive_resume_token")) {
                return ZfsListParser.text(p.value());
            }
        }
        return null;
    }
}
