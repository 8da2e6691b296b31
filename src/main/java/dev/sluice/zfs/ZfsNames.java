package dev.sluice.zfs;

import java.util.List;

/**
 * ZFS naming rules, checked before any command runs so the user hears about a bad name from us,
 * with the fix, rather than from zfs. Follows OpenZFS {@code zfs_namecheck.c} and
 * {@code zpool_name_valid()}: name components use {@code A-Z a-z 0-9 _ - . :} and space;
 * {@code /} separates datasets, one {@code @} starts a snapshot, one {@code #} a bookmark; no
 * empty, {@code .} or {@code ..} components; whole names shorter than 256 characters. Pool names
 * also begin with a letter and are shorter than 240 characters; new pools may not be called
 * {@code log} or start with {@code mirror}, {@code raidz}, {@code draid} or {@code spare}.
 * {@code %} is refused although the kernel allows it: zfs uses it for snapshot ranges.
 */
public final class ZfsNames {
    /** ZFS_MAX_DATASET_NAME_LEN is 256 including the terminating NUL. */
    public static final int MAX_NAME_LENGTH = 255;
    /** 256 - 2 - 2 * strlen("$ORIGIN"), less the NUL. */
    public static final int MAX_POOL_NAME_LENGTH = 239;

    private static final String ALLOWED = "letters, digits, '_', '-', '.', ':' and space";

    private ZfsNames() {
    }

    /** True for characters ZFS allows inside one name component. */
    public static boolean isValidChar(char c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')
                || c == '-' || c == '_' || c == '.' || c == ':' || c == ' ';
    }

    /** An existing pool's name. */
    public static String requirePool(String name) throws InvalidZfsNameException {
        requireNonEmpty(name, "pool");
        if (name.length() > MAX_POOL_NAME_LENGTH) {
            throw invalid(name, "The pool name is " + name.length() + " characters long; ZFS allows at most "
                    + MAX_POOL_NAME_LENGTH + ". Choose a shorter name.");
        }
        char first = name.charAt(0);
        if (!((first >= 'a' && first <= 'z') || (first >= 'A' && first <= 'Z'))) {
            throw invalid(name, "The pool name '" + name + "' must begin with a letter. Rename it, e.g. 'pool" + name + "'.");
        }
        checkChars(name, name, "pool name");
        if (name.equals("mirror") || name.equals("raidz") || name.equals("draid")) {
            throw invalid(name, "'" + name + "' is a reserved word in ZFS and cannot name a pool. Choose another name.");
        }
        return name;
    }

    /** A name for a pool about to be created or imported: also refuses the newer reserved prefixes. */
    public static String requireNewPool(String name) throws InvalidZfsNameException {
        requirePool(name);
        for (String p : List.of("mirror", "raidz", "draid", "spare")) {
            if (name.startsWith(p)) {
                throw invalid(name, "Pool names starting with '" + p + "' are reserved by ZFS (they name vdev types). Choose another name.");
            }
        }
        if (name.equals("log")) {
            throw invalid(name, "'log' is reserved by ZFS (it names log devices). Choose another name.");
        }
        return name;
    }

    /** A filesystem or volume: {@code pool/a/b}, or the pool's root dataset {@code pool}. */
    public static String requireDataset(String name) throws InvalidZfsNameException {
        requireNonEmpty(name, "dataset");
        if (name.indexOf('@') >= 0 || name.indexOf('#') >= 0) {
            throw invalid(name, "'" + name + "' names a snapshot or bookmark, but a filesystem or volume is needed here. "
                    + "Remove the part from '" + (name.indexOf('@') >= 0 ? "@" : "#") + "' on.");
        }
        checkPath(name, name);
        return name;
    }

    /** {@code dataset@snap}. */
    public static String requireSnapshot(String name) throws InvalidZfsNameException {
        return requireWithDelimiter(name, '@', "snapshot", "tank/vm@before-upgrade");
    }

    /** {@code dataset#bookmark}. */
    public static String requireBookmark(String name) throws InvalidZfsNameException {
        return requireWithDelimiter(name, '#', "bookmark", "tank/vm#sent-2024-05-01");
    }

    /** The part after {@code @} or {@code #} on its own, e.g. what a user types as a snapshot name. */
    public static String requireShortName(String shortName) throws InvalidZfsNameException {
        requireNonEmpty(shortName, "snapshot");
        checkChars(shortName, shortName, "snapshot name");
        checkNotDots(shortName, shortName);
        return shortName;
    }

    /** The problem with {@code name} as a dataset, snapshot or bookmark name, or null when it is fine. */
    public static String problem(String name) {
        try {
            if (name != null && name.indexOf('@') >= 0) {
                requireSnapshot(name);
            } else if (name != null && name.indexOf('#') >= 0) {
                requireBookmark(name);
            } else {
                requireDataset(name);
            }
            return null;
        } catch (InvalidZfsNameException e) {
            return e.getMessage();
        }
    }

    public static boolean isValid(String name) {
        return problem(name) == null;
    }

    /** The pool part of any dataset, snapshot or bookmark name. */
    public static String poolOf(String name) {
        int end = name.length();
        for (int i = 0; i < name.length(); i++) {
            char c = name.charAt(i);
            if (c == '/' || c == '@' || c == '#') {
                end = i;
                break;
            }
        }
        return name.substring(0, end);
    }

    /** {@code tank/vm} for {@code tank/vm@snap} or {@code tank/vm#bm}; the name itself otherwise. */
    public static String datasetOf(String name) {
        int at = name.indexOf('@');
        if (at < 0) {
            at = name.indexOf('#');
        }
        return at < 0 ? name : name.substring(0, at);
    }

    /** {@code snap} for {@code tank/vm@snap}; empty when there is no {@code @} or {@code #}. */
    public static String shortNameOf(String name) {
        int at = name.indexOf('@');
        if (at < 0) {
            at = name.indexOf('#');
        }
        return at < 0 ? "" : name.substring(at + 1);
    }

    /** The parent dataset, or null for a pool's root dataset. */
    public static String parentOf(String dataset) {
        int slash = dataset.lastIndexOf('/');
        return slash < 0 ? null : dataset.substring(0, slash);
    }

    private static String requireWithDelimiter(String name, char delim, String what, String example)
            throws InvalidZfsNameException {
        requireNonEmpty(name, what);
        int at = name.indexOf(delim);
        char other = delim == '@' ? '#' : '@';
        if (at < 0) {
            throw invalid(name, "'" + name + "' is not a " + what + " name: it needs '" + delim + "', as in '" + example + "'.");
        }
        if (name.indexOf(delim, at + 1) >= 0 || name.indexOf(other) >= 0) {
            throw invalid(name, "'" + name + "' contains more than one '@' or '#'. A " + what + " name has exactly one '"
                    + delim + "', as in '" + example + "'.");
        }
        String dataset = name.substring(0, at);
        String shortName = name.substring(at + 1);
        if (dataset.isEmpty()) {
            throw invalid(name, "'" + name + "' has no dataset before '" + delim + "'. Write it as in '" + example + "'.");
        }
        if (shortName.isEmpty()) {
            throw invalid(name, "'" + name + "' has no " + what + " name after '" + delim + "'. Write it as in '" + example + "'.");
        }
        if (shortName.indexOf('/') >= 0) {
            throw invalid(name, "The " + what + " part of '" + name + "' contains '/', which ZFS does not allow after '"
                    + delim + "'. Use '-' or '_' instead.");
        }
        checkLength(name);
        checkPath(dataset, name);
        checkChars(shortName, name, what + " name");
        checkNotDots(shortName, name);
        return name;
    }

    private static void checkPath(String path, String whole) throws InvalidZfsNameException {
        checkLength(whole);
        if (path.startsWith("/")) {
            throw invalid(whole, "'" + whole + "' starts with '/'. ZFS names start with the pool, as in 'tank/vm', not a mount path.");
        }
        if (path.endsWith("/")) {
            throw invalid(whole, "'" + whole + "' ends with '/'. Remove the trailing slash.");
        }
        int start = 0;
        boolean first = true;
        while (true) {
            int end = path.indexOf('/', start);
            String comp = end < 0 ? path.substring(start) : path.substring(start, end);
            if (comp.isEmpty()) {
                throw invalid(whole, "'" + whole + "' has an empty part ('//'). Remove the doubled slash.");
            }
            if (comp.equals(".") || comp.equals("..")) {
                throw invalid(whole, "'" + whole + "' has a '" + comp + "' part, which ZFS does not allow. Name the dataset itself.");
            }
            if (first) {
                requirePoolPart(comp, whole);
                first = false;
            } else {
                checkChars(comp, whole, "dataset name");
            }
            if (end < 0) {
                return;
            }
            start = end + 1;
        }
    }

    /** zfs refuses "." and ".." as a snapshot or bookmark name, as for any other name part. */
    private static void checkNotDots(String part, String whole) throws InvalidZfsNameException {
        if (part.equals(".") || part.equals("..")) {
            throw invalid(whole, "'" + whole + "' has a '" + part + "' part, which ZFS does not allow. Name the snapshot itself.");
        }
    }

    private static void requirePoolPart(String pool, String whole) throws InvalidZfsNameException {
        try {
            requirePool(pool);
        } catch (InvalidZfsNameException e) {
            throw pool.equals(whole) ? e : invalid(whole, "In '" + whole + "': " + e.getMessage());
        }
    }

    private static void checkChars(String part, String whole, String what) throws InvalidZfsNameException {
        for (int i = 0; i < part.length(); i++) {
            char c = part.charAt(i);
            if (!isValidChar(c)) {
                String shown = Character.isISOControl(c) ? String.format("\\u%04x", (int) c) : String.valueOf(c);
                throw invalid(whole, "The " + what + " '" + whole + "' contains '" + shown + "', which ZFS does not allow. Use only "
                        + ALLOWED + ".");
            }
        }
    }

    private static void checkLength(String whole) throws InvalidZfsNameException {
        if (whole.length() > MAX_NAME_LENGTH) {
            throw invalid(whole, "The name is " + whole.length() + " characters long; ZFS allows at most " + MAX_NAME_LENGTH
                    + " for the whole path. Shorten it.");
        }
    }

    private static void requireNonEmpty(String name, String what) throws InvalidZfsNameException {
        if (name == null || name.isEmpty()) {
            throw invalid(name == null ? "" : name, "The " + what + " name is empty. Enter a name.");
        }
    }

    private static InvalidZfsNameException invalid(String name, String message) {
        return new InvalidZfsNameException(name, message);
    }
}
