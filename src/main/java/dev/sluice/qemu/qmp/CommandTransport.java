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
