package dev.sluice.qemu.qmp;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;

/**
 * A QMP session over any {@link QmpTransport}: reads the greeting, negotiates capabilities,
 * matches replies to commands by {@code id}, and hands asynchronous events to listeners.
 * Thread-safe; commands may be issued from several background tasks.
 */
public final class QmpClient implements AutoCloseable {
    private static final ObjectMapper JSON = new ObjectMapper();

    private final QmpTransport transport;
    private final Duration timeout;
    private final AtomicLong ids = new AtomicLong();
    private final Map<String, CompletableFuture<JsonNode>> pending = new ConcurrentHashMap<>();
    private final List<Consumer<QmpEvent>> listeners = new CopyOnWriteArrayList<>();
    private final CompletableFuture<JsonNode> greeting = new CompletableFuture<>();
    private final CompletableFuture<Void> closed = new CompletableFuture<>();

    private QmpClient(QmpTransport transport, Duration timeout) {
        this.transport = transport;
        this.timeout = timeout;
    }

    /** Connects and negotiates; the session is ready for {@link #execute} when this returns. */
    public static QmpClient connect(QmpTransport transport, Duration timeout) throws QmpException {
        return connect(transport, timeout, timeout);
    }

    /**
     * {@code greetingTimeout}: how long to wait for QEMU's greeting. QEMU serves one QMP client at a time and leaves
     * the next waiting without a word, so a short wait tells a held socket apart sooner than {@code timeout}.
     */
    public static QmpClient connect(QmpTransport transport, Duration timeout, Duration greetingTimeout) throws QmpException {
        QmpClient c = new QmpClient(transport, timeout);
        try {
            transport.open(c::received, c::transportClosed);
        } catch (IOException e) {
            throw new QmpException("Cannot connect to the VM's QMP socket (" + transport + "): " + e.getMessage()
                    + ". The VM may have stopped; refresh its state.", e);
        }
        try {
            c.await(c.greeting, "the QMP greeting", greetingTimeout);
            c.execute("qmp_capabilities");
        } catch (QmpException e) {
            c.close();
            throw e;
        }
        return c;
    }

    public void addEventListener(Consumer<QmpEvent> l) {
        listeners.add(l);
    }

    public void removeEventListener(Consumer<QmpEvent> l) {
        listeners.remove(l);
    }

    public boolean isOpen() {
        return !closed.isDone();
    }

    /** Completes when the connection ends (QEMU exited, or {@link #close}). */
    public CompletableFuture<Void> closedFuture() {
        return closed;
    }

    public JsonNode execute(String command) throws QmpException {
        return execute(command, null);
    }

    /** Runs a command and returns its {@code return} value; a QMP error throws with QEMU's description. */
    public JsonNode execute(String command, Map<String, ?> arguments) throws QmpException {
        return submit(command, arguments).get();
    }

    /**
     * Sends a command without waiting for its reply. QEMU runs a session's commands in the order they arrive, so
     * commands sent back to back run back to back, with no round trip between them (a pause that must stay short).
     */
    public Reply submit(String command, Map<String, ?> arguments) throws QmpException {
        String id = "sluice-" + ids.incrementAndGet();
        ObjectNode msg = JSON.createObjectNode().put("execute", command).put("id", id);
        if (arguments != null && !arguments.isEmpty()) {
            msg.set("arguments", JSON.valueToTree(arguments));
        }
        CompletableFuture<JsonNode> reply = new CompletableFuture<>();
        pending.put(id, reply);
        try {
            if (closed.isDone()) {
                throw new IOException("the connection is closed");
            }
            transport.send(msg.toString());
            return new Reply(command, id, reply);
        } catch (IOException e) {
            pending.remove(id);
            throw new QmpException("Lost the QMP connection while sending " + command + " (" + e.getMessage()
                    + "). The VM may have stopped; refresh its state.", e);
        }
    }

    /** The reply to a {@link #submit}ted command. */
    public final class Reply {
        private final String command;
        private final String id;
        private final CompletableFuture<JsonNode> reply;

        private Reply(String command, String id, CompletableFuture<JsonNode> reply) {
            this.command = command;
            this.id = id;
            this.reply = reply;
        }

        /** Waits for the reply; returns its {@code return} value, or throws with QEMU's description of the error. */
        public JsonNode get() throws QmpException {
            try {
                JsonNode r = await(reply, command);
                if (r.has("error")) {
                    JsonNode err = r.get("error");
                    throw new QmpException("QEMU refused " + command + ": " + err.path("desc").asText(), err.path("class").asText());
                }
                return r.path("return");
            } finally {
                pending.remove(id);
            }
        }
    }

    public QmpStatus queryStatus() throws QmpException {
        JsonNode r = execute("query-status");
        return new QmpStatus(r.path("status").asText(), r.path("running").asBoolean());
    }

    public List<BlockStats> queryBlockstats() throws QmpException {
        List<BlockStats> out = new ArrayList<>();
        for (JsonNode n : execute("query-blockstats")) {
            JsonNode s = n.path("stats");
            out.add(new BlockStats(n.path("device").asText(), n.path("qdev").asText(), n.path("node-name").asText(),
                    s.path("rd_bytes").asLong(), s.path("wr_bytes").asLong(), s.path("rd_operations").asLong(),
                    s.path("wr_operations").asLong(), s.path("flush_operations").asLong(),
                    s.path("rd_total_time_ns").asLong(), s.path("wr_total_time_ns").asLong()));
        }
        return out;
    }

    /** Presses the ACPI power button; the guest decides whether to shut down. */
    public void systemPowerdown() throws QmpException {
        execute("system_powerdown");
    }

    /** Ends QEMU at once (like pulling the plug). The connection closing before the reply counts as done. */
    public void quit() throws QmpException {
        try {
            execute("quit");
        } catch (QmpException e) {
            if (isOpen()) {
                throw e;
            }
        }
    }

    /** Waits for the next event called {@code name}; false on timeout. */
    public boolean awaitEvent(String name, Duration within) {
        CompletableFuture<QmpEvent> seen = new CompletableFuture<>();
        Consumer<QmpEvent> l = e -> {
            if (e.name().equals(name)) {
                seen.complete(e);
            }
        };
        addEventListener(l);
        try {
            seen.get(within.toMillis(), TimeUnit.MILLISECONDS);
            return true;
        } catch (TimeoutException | ExecutionException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        } finally {
            removeEventListener(l);
        }
    }

    @Override
    public void close() {
        transport.close();
        transportClosed();
    }

    // ------------------------------------------------------------------ plumbing

    private void received(String line) {
        if (line.isEmpty()) {
            return;
        }
        JsonNode n;
        try {
            n = JSON.readTree(line);
        } catch (IOException e) {
            return; // not QMP (a socat warning, a banner): ignore rather than kill the session
        }
        if (n.has("QMP")) {
            greeting.complete(n);
        } else if (n.has("event")) {
            JsonNode ts = n.path("timestamp");
            QmpEvent ev = new QmpEvent(n.get("event").asText(),
                    Instant.ofEpochSecond(ts.path("seconds").asLong(), ts.path("microseconds").asLong() * 1000), n.path("data"));
            for (Consumer<QmpEvent> l : listeners) {
                try {
                    l.accept(ev);
                } catch (RuntimeException ignored) {
                    // one faulty listener must not stop event delivery
                }
            }
        } else if (n.has("id")) {
            CompletableFuture<JsonNode> f = pending.get(n.get("id").asText());
            if (f != null) {
                f.complete(n);
            }
        }
    }

    private void transportClosed() {
        if (closed.complete(null)) {
            IOException gone = new IOException("the QMP connection closed");
            greeting.completeExceptionally(gone);
            pending.values().forEach(f -> f.completeExceptionally(gone));
        }
    }

    private JsonNode await(CompletableFuture<JsonNode> f, String what) throws QmpException {
        return await(f, what, timeout);
    }

    private JsonNode await(CompletableFuture<JsonNode> f, String what, Duration timeout) throws QmpException {
        try {
            return f.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            throw new QmpException("QEMU did not answer " + what + " within " + timeout.toSeconds()
                    + " s. Another program (a second Sluice, a socat session) may hold the VM's QMP connection, which QEMU "
                    + "serves one at a time: close it. Otherwise the QEMU process is hung; use Power off.", (String) null);
        } catch (ExecutionException e) {
            throw new QmpException("Lost the QMP connection while waiting for " + what
                    + ". The VM may have stopped; refresh its state.", e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new QmpException("Interrupted while waiting for " + what, e);
        }
    }
}
