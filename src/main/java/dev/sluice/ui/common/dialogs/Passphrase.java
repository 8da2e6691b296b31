package dev.sluice.ui.common.dialogs;

import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * A passphrase the user typed, held as chars so it can be wiped. Use in try-with-resources; pass
 * {@link #utf8()} to {@code Command.withSecretStdin} and wipe that array too once the command ran.
 * {@link #toString()} never reveals it.
 */
public final class Passphrase implements AutoCloseable {
    private final char[] chars;
    private boolean wiped;

    private Passphrase(char[] chars) {
        this.chars = chars;
    }

    /** Takes ownership of {@code chars}: they are wiped on {@link #close()}. */
    public static Passphrase of(char[] chars) {
        return new Passphrase(chars);
    }

    public int length() {
        return chars.length;
    }

    /** A fresh UTF-8 copy for stdin; the caller wipes it ({@code Arrays.fill(b, (byte) 0)}) after use. */
    public byte[] utf8() {
        if (wiped) {
            throw new IllegalStateException("passphrase already wiped");
        }
        ByteBuffer buf = StandardCharsets.UTF_8.encode(CharBuffer.wrap(chars));
        byte[] out = new byte[buf.remaining()];
        buf.get(out);
        if (buf.hasArray()) {
            Arrays.fill(buf.array(), (byte) 0);
        }
        return out;
    }

    /** A fresh copy of the characters, for builders that take {@code char[]}; the caller wipes it. */
    public char[] chars() {
        if (wiped) {
            throw new IllegalStateException("passphrase already wiped");
        }
        return chars.clone();
    }

    public boolean isWiped() {
        return wiped;
    }

    @Override
    public void close() {
        Arrays.fill(chars, '\0');
        wiped = true;
    }

    @Override
    public String toString() {
        return "Passphrase[hidden]";
    }
}
