package dev.sluice.qemu.qmp;

import dev.sluice.host.Command;
import dev.sluice.host.CommandRunner;
import dev.sluice.host.OutputListener;
import dev.sluice.host.RunningCommand;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.function.Consumer;

/**
 * QMP through a command on the VM's host whose stdin/stdout are the socket: by default
 * {@code socat - UNIX-CONNECT:<sock>}, started with {@link CommandRunner#startInteractive}, so
 * over SSH the bytes travel in the existing SSH connection and no port is opened.
 */
public final class CommandTransport implements QmpTransport {
    private final CommandRunner runner;
    private final Command command;
    private RunningCommand running;

    public CommandTransport(CommandRunner runner, Command command) {
        this.runner = runner;
        this.command = command;
    }

    public static CommandTransport socat(CommandRunner runner, String socketPath) {
        return new CommandTransport(runner, Command.of("socat", "-", "UNIX-CONNECT:" + socketPath).untimed());
    }

    /**
     * For hosts without socat: the same byte bridge in python3's standard library. The script is a
     * constant and the socket path arrives as argv[1], so nothing is interpolated into code.
     */
    public static CommandTransport python3(CommandRunner runner, String socketPath) {
        return new CommandTransport(runner, Command.of("python3", "-c", PYTHON_BRIDGE, socketPath).untimed());
    }

    static final String PYTHON_BRIDGE = String.join("\n",
            "import os, socket, sys, threading",
            "s = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)",
            "s.connect(sys.argv[1])",
            "def up():",
            "    while True:",
            "        d = os.read(0, 65536)",
            "        if not d:",
            "            break",
            "        s.sendall(d)",
            "    s.shutdown(socket.SHUT_WR)",
            "threading.Thread(target=up, daemon=True).start()",
            "while True:",
            "    d = s.recv(65536)",
            "    if not d:",
            "        break",
            "    os.write(1, d)");

    @Override
    public void open(Consumer<String> lines, Runnable closed) throws IOException {
        running = runner.startInteractive(command, new OutputListener() {
            @Override
            public void stdoutLine(String line) {
                if (!line.isBlank()) {
                    lines.accept(line.strip());
                }
            }
        });
        running.future().whenComplete((r, e) -> closed.run());
    }

    @Override
    public synchronized void send(String json) throws IOException {
        if (running == null) {
            throw new IOException(command.toShell() + " is not running");
        }
        OutputStream in = running.stdin();
        in.write((json + "\n").getBytes(StandardCharsets.UTF_8));
        in.flush();
    }

    @Override
    public void close() {
        if (running != null) {
            try {
                running.stdin().close();
            } catch (IOException | UnsupportedOperationException ignored) {
                // already gone
            }
            running.cancel();
        }
    }

    @Override
    public String toString() {
        return command.toShell();
    }
}
