package dev.sluice.qemu.qmp;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;

/** An asynchronous QMP event (SHUTDOWN, POWERDOWN, STOP, RESUME, ...) with its data object. */
public record QmpEvent(String name, Instant timestamp, JsonNode data) {
}
