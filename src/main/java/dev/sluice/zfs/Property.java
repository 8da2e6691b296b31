package dev.sluice.zfs;

/** One line of {@code zfs get -Hp}: value as ZFS prints it with -p (numbers exact), and where it comes from. */
public record Property(String dataset, String name, String value, String source) {

    /** "-" means "not applicable". */
    public boolean isSet() {
        return !value.equals("-");
    }

    public long asLong() {
        return ZfsListParser.parseLongOr(value, -1);
    }

    /** {@code local}, {@code default}, {@code inherited from X}, {@code received}, {@code -}. */
    public boolean isLocal() {
        return source.equals("local");
    }
}
