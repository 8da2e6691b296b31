package dev.sluice.zfs;

import java.util.List;

/**
 * {@code zfs send -nvP}: one line per stream ({@code full<TAB>snap<TAB>bytes},
 * {@code incremental<TAB>from<TAB>snap<TAB>bytes}; {@code from} is a short name with {@code -I}/{@code -R})
 * and {@code size<TAB>total}. For a resume token the token's contents come first; they are skipped.
 */
public record SendEstimate(List<Stream> streams, long totalBytes) {

    public record Stream(boolean incremental, String from, String snapshot, long bytes) {
    }

    public SendEstimate {
        streams = List.copyOf(streams);
    }

    public static SendEstimate parse(String output) {
        List<Stream> streams = new java.util.ArrayList<>();
        long total = -1;
        for (String line : output.split("\n")) {
            String[] f = line.split("\t", -1);
            switch (f[0]) {
                case "full" -> {
                    if (f.length >= 3) {
                        streams.add(new Stream(false, null, f[1], ZfsListParser.num(f[2])));
                    }
                }
                case "incremental" -> {
                    if (f.length >= 4) {
                        streams.add(new Stream(true, f[1], f[2], ZfsListParser.num(f[3])));
                    }
                }
                case "size" -> {
                    if (f.length >= 2) {
                        total = ZfsListParser.num(f[1]);
                    }
                }
                default -> {
                    // resume token contents, blank lines
                }
            }
        }
        if (total < 0) {
            total = streams.stream().mapToLong(s -> Math.max(0, s.bytes())).sum();
        }
        return new SendEstimate(streams, total);
    }
}
