package dev.sluice.host;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * What Sluice did to which host, one JSON line per finished command, appended to a file the
 * admin can read later ({@code ~/.local/state/sluice/audit.jsonl}). Secret stdin never reaches a
 * journal entry, so it cannot reach this file; password-looking arguments are masked as well.
 * The file is kept to ~16 MB with one older generation beside it ({@code audit.jsonl.1}).
 */
public final class AuditLog implements CommandJournal.Listener {
    static final int STDERR_CAP = 4096;
    static final long ROTATE_AT = 16L * 1024 * 1024;
    static final String MASK = "***";

    /** {@code --password x}: the word after such an option is masked. */
    private static final List<String> SECRET_OPTIONS = List.of("--password", "--passphrase", "--passwd", "--secret", "--token");
    /** {@code password=x}, {@code --passphrase=x}, and the same inside {@code -o a=b,password=x} lists. */
    private static final Pattern SECRET_ASSIGNMENT = Pattern.compile(
            "(?i)((?:^|[,\\s])(?:--?)?(?:password|passphrase|passwd|secret|token)=)[^,\\s]*");

    /** One line of the file. */
    record Line(String time, String host, List<String> argv, Integer exitCode, Long durationMs, String state,
                String stdin, String stderr, boolean stderrTruncated) {
    }

    private static final ObjectMapper JSON = new ObjectMapper();
    private final Path file;
    private final long rotateAt;
    private volatile IOException lastFailure;

    public AuditLog(Path file) {
        this(file, ROTATE_AT);
    }

    AuditLog(Path file, long rotateAt) {
        this.file = file;
        this.rotateAt = rotateAt;
    }

    /** {@code $XDG_STATE_HOME/sluice/audit.jsonl}, else {@code ~/.local/state/sluice/audit.jsonl}. */
    public static Path defaultPath() {
        return defaultPath(System.getenv(), System.getProperty("user.home"));
    }

    static Path defaultPath(Map<String, String> env, String userHome) {
        String state = env.get("XDG_STATE_HOME");
        // the XDG spec says relative paths are invalid and must be ignored
        if (state != null && !state.isBlank() && Path.of(state).isAbsolute()) {
            return Path.of(state, "sluice", "audit.jsonl");
        }
        String home = env.getOrDefault("HOME", userHome);
        return Path.of(home == null || home.isBlank() ? userHome : home, ".local", "state", "sluice", "audit.jsonl");
    }

    public Path file() {
        return file;
    }

    /** Why the last write failed, if it did (a full disk must not stop commands, but should be visible). */
    public Optional<IOException> lastFailure() {
        return Optional.ofNullable(lastFailure);
    }

    @Override
    public void changed(CommandJournal.Entry e) {
        if (e.state() == CommandJournal.State.RUNNING) {
            return;
        }
        try {
            append(JSON.writeValueAsString(lineFor(e)) + "\n");
            lastFailure = null;
        } catch (IOException ex) {
            lastFailure = ex;
        }
    }

    static Line lineFor(CommandJournal.Entry e) {
        String stderr = e.stderr() == null ? "" : e.stderr();
        boolean truncated = stderr.length() > STDERR_CAP;
        stderr = redactText(truncated ? stderr.substring(0, STDERR_CAP) : stderr);
        String stdin = !e.stdinGiven() ? "none" : e.stdinSecret() ? "secret (redacted)" : "given";
        return new Line(e.started().toString(), e.hostName(), redact(e.argv()), e.exitCode(),
                e.duration() == null ? null : e.duration().toMillis(), e.state().name(), stdin, stderr, truncated);
    }

    /** The argv with password-looking values masked. Defensive: secrets belong on stdin, never in argv. */
    public static List<String> redact(List<String> argv) {
        List<String> out = new ArrayList<>(argv.size());
        boolean maskNext = false;
        for (String a : argv) {
            if (maskNext) {
                out.add(MASK);
                maskNext = false;
                continue;
            }
            maskNext = SECRET_OPTIONS.contains(a.toLowerCase(Locale.ROOT));
            out.add(redactText(a));
        }
        return out;
    }

    static String redactText(String s) {
        return SECRET_ASSIGNMENT.matcher(s).replaceAll("$1" + MASK);
    }

    private synchronized void append(String line) throws IOException {
        Path dir = file.toAbsolutePath().getParent();
        if (dir != null && !Files.isDirectory(dir)) {
            Files.createDirectories(dir, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
        }
        if (Files.exists(file) && Files.size(file) >= rotateAt) {
            Files.move(file, file.resolveSibling(file.getFileName() + ".1"), StandardCopyOption.REPLACE_EXISTING);
        }
        if (!Files.exists(file)) {
            // what ran on which host is nobody else's business
            Files.createFile(file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        }
        Files.writeString(file, line, StandardCharsets.UTF_8, StandardOpenOption.APPEND);
    }

    /** For tests and "show the log": parses one line back. */
    static Line parse(String jsonLine) throws JsonProcessingException {
        return JSON.readValue(jsonLine, Line.class);
    }
}
