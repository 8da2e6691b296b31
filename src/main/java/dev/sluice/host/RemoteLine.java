package dev.sluice.host;

import java.nio.charset.StandardCharsets;

/**
 * Builds the one command line that ssh hands to the login user's shell on the host.
 *
 * <p>sshd runs {@code $SHELL -c "<line>"}, and the login shell is not always POSIX: FreeBSD's root
 * used csh for decades, some admins use fish. Their quoting differs exactly where it hurts (csh
 * rejects a newline inside single quotes and expands {@code !}; fish treats {@code \\} and
 * {@code \'} as escapes inside single quotes). So the line seen by the login shell contains only
 * characters that every one of them reads literally inside single quotes:
 * <pre>exec sh -c 'eval "$(printf "&lt;script with unsafe bytes as \ooo&gt;")"'</pre>
 * {@code sh} then rebuilds the POSIX script byte for byte with {@code printf} and runs it. The
 * {@code exec} makes that {@code sh} the session leader sshd created, so its {@code $$} is the
 * process group of everything the command starts.
 */
final class RemoteLine {
    private RemoteLine() {
    }

    static String forScript(String posixScript) {
        return "exec sh -c 'eval \"$(printf \"" + printfFormat(posixScript) + "\")\"'";
    }

    /**
     * A printf format that prints {@code script}: letters, digits and a few punctuation marks stay
     * as they are (so the line stays readable in {@code ps}), every other byte becomes a 3-digit
     * octal escape, which POSIX printf, dash and bash all decode.
     */
    static String printfFormat(String script) {
        byte[] bytes = script.getBytes(StandardCharsets.UTF_8);
        StringBuilder sb = new StringBuilder(bytes.length * 2);
        for (int i = 0; i < bytes.length; i++) {
            int b = bytes[i] & 0xff;
            if (isLiteral(b) && !(i == 0 && b == '-')) {
                sb.append((char) b);
            } else {
                sb.append('\\').append((char) ('0' + (b >> 6))).append((char) ('0' + ((b >> 3) & 7))).append((char) ('0' + (b & 7)));
            }
        }
        return sb.toString();
    }

    private static boolean isLiteral(int b) {
        return b >= 'a' && b <= 'z' || b >= 'A' && b <= 'Z' || b >= '0' && b <= '9'
                || b == ' ' || b == '_' || b == '.' || b == '/' || b == ',' || b == ':' || b == '=' || b == '@' || b == '+' || b == '-';
    }
}
