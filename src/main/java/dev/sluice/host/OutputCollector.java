package dev.sluice.host;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.function.Consumer;

/**
 * Drains one process stream: keeps the first {@code cap} bytes for the result, hands every line to
 * a consumer as it arrives, and never blocks the process however much it writes. A line longer
 * than {@link #MAX_LINE} (a stream without newlines) is cut there and the rest of it dropped, so
 * memory stays bounded however long a stream runs.
 */
final class OutputCollector implements Runnable {
    /** The longest line handed on; a QMP reply or a zfs line is far shorter. */
    static final int MAX_LINE = 1024 * 1024;
    private final InputStream in;
    private final int cap;
    private final Consumer<String> lines;
    private final boolean crEndsLine;
    private final ByteArrayOutputStream kept = new ByteArrayOutputStream();
    private final ByteArrayOutputStream partial = new ByteArrayOutputStream();
    private long total;
    private boolean lineCut;
    private volatile boolean done;

    OutputCollector(InputStream in, int cap, Consumer<String> lines) {
        this(in, cap, lines, true);
    }

    /** {@code crEndsLine} false: lines end at \n only (for framed streams whose payload may hold \r). */
    OutputCollector(InputStream in, int cap, Consumer<String> lines, boolean crEndsLine) {
        this.in = in;
        this.cap = cap;
        this.lines = lines;
        this.crEndsLine = crEndsLine;
    }

    @Override
    public void run() {
        byte[] buf = new byte[64 * 1024];
        try (in) {
            int n;
            while ((n = in.read(buf)) > 0) {
                int keep = (int) Math.max(0, Math.min(n, cap - total));
                if (keep > 0) {
                    kept.write(buf, 0, keep);
                }
                total += n;
                if (lines != null) {
                    split(buf, n);
                }
            }
        } catch (IOException ignored) {
            // stream closed because the process was killed: what we have is what there is
        } finally {
            if (lines != null && (partial.size() > 0 || lineCut)) {
                emit();
            }
            synchronized (this) {
                done = true;
                notifyAll();
            }
        }
    }

    private boolean lastWasCr;

    /** Lines end at \n, \r\n or a lone \r (progress meters redraw with \r). */
    private void split(byte[] buf, int n) {
        int start = 0;
        for (int i = 0; i < n; i++) {
            byte b = buf[i];
            if (!crEndsLine) {
                if (b == '\n') {
                    append(buf, start, i - start);
                    emit();
                    start = i + 1;
                }
                continue;
            }
            if (b == '\n' && lastWasCr && i == start && partial.size() == 0) {
                start = i + 1;
                lastWasCr = false;
                continue;
            }
            lastWasCr = b == '\r';
            if (b == '\n' || b == '\r') {
                append(buf, start, i - start);
                emit();
                start = i + 1;
            }
        }
        append(buf, start, n - start);
    }

    /** Appends to the current line, up to {@link #MAX_LINE}; the rest of an overlong line is dropped. */
    private void append(byte[] buf, int from, int len) {
        int room = MAX_LINE - partial.size();
        if (len > room) {
            lineCut = true;
            len = Math.max(0, room);
        }
        partial.write(buf, from, len);
    }

    private void emit() {
        lines.accept(partial.toString(StandardCharsets.UTF_8));
        partial.reset();
        lineCut = false;
    }

    synchronized void awaitDone(long millis) throws InterruptedException {
        long deadline = System.currentTimeMillis() + millis;
        while (!done) {
            long left = deadline - System.currentTimeMillis();
            if (left <= 0) {
                return;
            }
            wait(left);
        }
    }

    String text() {
        synchronized (this) {
            return kept.toString(StandardCharsets.UTF_8);
        }
    }

    boolean truncated() {
        return total > cap;
    }

    long totalBytes() {
        return total;
    }
}
