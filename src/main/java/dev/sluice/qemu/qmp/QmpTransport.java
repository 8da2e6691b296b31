package dev.sluice.qemu.qmp;

import java.io.IOException;
import java.util.function.Consumer;

/**
 * A byte stream to a QMP server carrying one JSON message per line: a local unix socket
 * ({@link UnixSocketTransport}) or a command's stdin/stdout on the VM's host
 * ({@link CommandTransport}: {@code socat - UNIX-CONNECT:<sock>} through SSH).
 */
public interface QmpTransport extends AutoCloseable {

    /** Connects; {@code lines} gets every line received, {@code closed} runs once when the stream ends. */
    void open(Consumer<String> lines, Runnable closed) throws IOException;

    /** Sends one JSON message (the newline is added). */
    void send(String json) throws IOException;

    @Override
    void close();
}
