package dev.sluice.qemu.qmp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;

/** The protocol side of QMP against an in-memory server that answers like QEMU 7.2. */
class QmpClientTest {

    /** Answers each command from a script; events can be pushed at any time. */
    static final class ScriptedQmp implements QmpTransport {
        final ObjectMapper json = new ObjectMapper();
        final List<String> sent = new CopyOnWriteArrayList<>();
        Consumer<String> lines;
        Runnable closed;

        @Override
        public void open(Consumer<String> lines, Runnable closed) {
            this.lines = lines;
            this.closed = closed;
            lines.accept("{\"QMP\": {\"version\": {\"qemu\": {\"micro\": 22, \"minor\": 2, \"major\": 7}, \"package\": \"Debian\"}, \"capabilities\": [\"oob\"]}}");
        }

        @Override
        public void send(String msg) throws java.io.IOException {
            sent.add(msg);
            JsonNode n = json.readTree(msg);
            String id = n.get("id").asText();
            String reply = switch (n.get("execute").asText()) {
                case "qmp_capabilities", "system_powerdown" -> "{\"return\": {}, \"id\": \"" + id + "\"}";
                case "query-status" -> "{\"return\": {\"status\": \"paused\", \"singlestep\": false, \"running\": false}, \"id\": \"" + id + "\"}";
                case "quit" -> null;
                default -> "{\"id\": \"" + id + "\", \"error\": {\"class\": \"CommandNotFound\", \"desc\": \"The command "
                        + n.get("execute").asText() + " has not been found\"}}";
            };
            if (reply != null) {
                lines.accept("{\"timestamp\": {\"seconds\": 1795258031, \"microseconds\": 391224}, \"event\": \"NOISE\"}");
                lines.accept(reply);
            } else {
                closed.run(); // QEMU exits before answering quit
            }
        }

        @Override
        public void close() {
            closed.run();
        }
    }

    @Test
    void commandsEventsErrorsAndQuit() throws Exception {
        ScriptedQmp server = new ScriptedQmp();
        QmpClient qmp = QmpClient.connect(server, Duration.ofSeconds(2));
        assertTrue(server.sent.get(0).contains("\"execute\":\"qmp_capabilities\""));
        QmpStatus st = qmp.queryStatus();
        assertEquals(new QmpStatus("paused", false), st);

        QmpException e = assertThrows(QmpException.class, () -> qmp.execute("nonsense"));
        assertEquals("QEMU refused nonsense: The command nonsense has not been found", e.getMessage());
        assertEquals("CommandNotFound", e.errorClass());

        List<QmpEvent> events = new CopyOnWriteArrayList<>();
        qmp.addEventListener(events::add);
        new Thread(() -> {
            try {
                Thread.sleep(50);
            } catch (InterruptedException ignored) {
                return;
            }
            server.lines.accept("{\"timestamp\": {\"seconds\": 1795258032, \"microseconds\": 394810}, \"event\": \"SHUTDOWN\", "
                    + "\"data\": {\"guest\": true, \"reason\": \"guest-shutdown\"}}");
        }).start();
        assertTrue(qmp.awaitEvent("SHUTDOWN", Duration.ofSeconds(2)));
        QmpEvent shutdown = events.stream().filter(x -> x.name().equals("SHUTDOWN")).findFirst().orElseThrow();
        assertEquals("guest-shutdown", shutdown.data().path("reason").asText());
        assertFalse(qmp.awaitEvent("RESET", Duration.ofMillis(50)));

        qmp.quit(); // the connection closing is the answer
        assertFalse(qmp.isOpen());
        QmpException gone = assertThrows(QmpException.class, qmp::queryStatus);
        assertTrue(gone.getMessage().startsWith("Lost the QMP connection while sending query-status"), gone.getMessage());
    }
}
