package dev.sluice.zfs;

/**
 * Follows the stderr of {@code zfs send -vP} as it arrives. zfs first prints the plan
 * ({@code full}/{@code incremental} lines and {@code size<TAB>total}), then once a second
 * {@code HH:MM:SS<TAB>bytes<TAB>snapshot} ({@code HH:MM:SS<TAB>bytes<TAB>blocks<TAB>snapshot} with
 * {@code -vv}). The byte count restarts for each snapshot of a {@code -R} or {@code -I} stream, so
 * finished snapshots are added up. Not thread-safe: feed it from one reader thread.
 */
public final class SendProgressParser {
    private long total = -1;
    private long finishedBytes;
    private long currentBytes;
    private String currentSnapshot;

    /** Reads one stderr line; returns true when the done/total figures changed. */
    public boolean accept(String line) {
        String[] f = line.split("\t", -1);
        if (f.length >= 2 && f[0].equals("size")) {
            total = ZfsListParser.num(f[1].strip());
            return true;
        }
        if (f.length >= 3 && isClock(f[0])) {
            long bytes = ZfsListParser.num(f[1]);
            if (bytes < 0) {
                return false;
            }
            String snap = f[f.length - 1];
            if (currentSnapshot != null && !currentSnapshot.equals(snap)) {
                finishedBytes += currentBytes;
                currentBytes = 0;
            }
            currentSnapshot = snap;
            currentBytes = bytes;
            return true;
        }
        return false;
    }

    private static boolean isClock(String s) {
        return s.length() == 8 && s.charAt(2) == ':' && s.charAt(5) == ':'
                && Character.isDigit(s.charAt(0)) && Character.isDigit(s.charAt(7));
    }

    /** Bytes sent so far over all snapshots. */
    public long done() {
        return finishedBytes + currentBytes;
    }

    /** The estimate zfs printed ({@code size} line), or -1 before it arrives. */
    public long total() {
        return total;
    }

    /** The snapshot being sent now, or null before the first progress line. */
    public String currentSnapshot() {
        return currentSnapshot;
    }
}
