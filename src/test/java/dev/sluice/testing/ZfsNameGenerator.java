package dev.sluice.testing;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * Names from every character ZFS allows ({@code A-Z a-z 0-9 _ - . :} and space), with its
 * positional rules (OpenZFS {@code zfs_namecheck.c}, {@code zpool_name_valid()}): a pool begins with
 * a letter, is not {@code log} and does not begin with {@code mirror}, {@code raidz}, {@code draid}
 * or {@code spare}; no component is {@code .} or {@code ..}; whole names stay under 256
 * characters. Seeded, so a failure names the seed that reproduces it.
 *
 * <p>The first names of each kind are built to hold the awkward cases for sure (a leading and a
 * trailing space, runs of spaces, a leading {@code -}, {@code .}, {@code :}); the rest are random.
 * Names never contain {@code -part} followed by a digit: udev would mistake such a zvol's link
 * for a partition link of another zvol.
 */
public final class ZfsNameGenerator {
    public static final String LETTERS = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";
    public static final String ALLOWED = LETTERS + "0123456789_-.: ";
    private static final List<String> RESERVED_POOL_PREFIXES = List.of("mirror", "raidz", "draid", "spare");

    private final long seed;
    private final Random random;
    private int counter;

    public ZfsNameGenerator(long seed) {
        this.seed = seed;
        this.random = new Random(seed);
    }

    public long seed() {
        return seed;
    }

    /** A new pool name, {@code length} characters (2..239), unique within this generator. */
    public String pool(int length) {
        while (true) {
            String tag = tag();
            StringBuilder b = new StringBuilder();
            b.append(LETTERS.charAt(random.nextInt(LETTERS.length())));
            b.append(tag);
            while (b.length() < length) {
                b.append(any());
            }
            String name = b.toString();
            if (acceptablePool(name)) {
                return name;
            }
        }
    }

    /** A name component for a dataset, snapshot or bookmark: any allowed characters, never "." or "..". */
    public String component(int length) {
        while (true) {
            StringBuilder b = new StringBuilder(tag());
            while (b.length() < length) {
                b.append(any());
            }
            String s = b.toString();
            if (acceptableComponent(s)) {
                return s;
            }
        }
    }

    /** Components that each hold one awkward case (leading/trailing spaces, runs, leading '-', '.', ':'). */
    public List<String> awkwardComponents() {
        List<String> out = new ArrayList<>();
        for (String shape : List.of(" lead", "trail ", "two  spaces", "-dash", ".dot", ":colon", "a b:c.d-e_f", " ")) {
            out.add(shape + tag());
        }
        return out;
    }

    /** True when this set of names uses every character ZFS allows. */
    public static boolean coversEveryAllowedCharacter(List<String> names) {
        for (char c : ALLOWED.toCharArray()) {
            if (names.stream().noneMatch(n -> n.indexOf(c) >= 0)) {
                return false;
            }
        }
        return true;
    }

    private boolean acceptablePool(String name) {
        String low = name.toLowerCase(java.util.Locale.ROOT);
        return RESERVED_POOL_PREFIXES.stream().noneMatch(name::startsWith) && !name.equals("log")
                && !low.matches(".*-part[0-9].*");
    }

    private static boolean acceptableComponent(String s) {
        return !s.isEmpty() && !s.equals(".") && !s.equals("..") && !s.matches(".*-part[0-9].*");
    }

    /** A short unique base-36 counter, so generated names never collide. */
    private String tag() {
        return Integer.toString(counter++, 36);
    }

    private char any() {
        return ALLOWED.charAt(random.nextInt(ALLOWED.length()));
    }

    @Override
    public String toString() {
        return "ZfsNameGenerator[seed " + seed + "]";
    }
}
