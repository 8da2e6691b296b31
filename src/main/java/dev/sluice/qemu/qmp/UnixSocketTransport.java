package dev.sluice.qemu.qmp;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Consumer;

/** QMP over a unix socket on this machine (JDK 16+ unix-domain channels; no native code). */
public final class UnixSocketTransport implements QmpTransport {
    static final ExecutorService READERS = Executors.newCachedThreadPool(r -> {
        Thread t = new Thread(r, "sluice-qmp-reader");
        t.setDaemon(true);
        return t;
    });

    private final Path socket;
    private SocketChannel channel;

    public UnixSocketTransport(Path socket) {
        this.socket = socket;
    }

    @Override
    public void open(Consumer<String> lines, Runnable closed) throws IOException {
        channel = SocketChannel.open(StandardProtocolFamily.UNIX);
        try {
            channel.connect(UnixDomainSocketAddress.of(socket));
        } catch (IOException e) {
            channel.close();
            throw e;
        }
        SocketChannel ch = channel;
        READERS.execute(() -> pump(ch, lines, closed));
    }

    private static void pump(SocketChannel ch, Consumer<String> lines, Runnable closed) {
        ByteBuffer buf = ByteBuffer.allocate(64 * 1024);
        ByteArrayOutputStream line = new ByteArrayOutputStream();
        try {
            while (ch.read(buf) >= 0) {
                buf.flip();
                while (buf.hasRemaining()) {
                    byte b = buf.get();
                    if (b == '\n') {
                        lines.accept(line.toString(StandardCharsets.UTF_8).strip());
                        line.reset();
                    } else {
                        line.write(b);
                    }
                }
                buf.clear();
            }
        } catch (IOException ignored) {
            // closed by us or by QEMU exiting: either way the session is over
        } finally {
            closed.run();
        }
    }

    @Override
    public synchronized void send(String json) throws IOException {
        if (channel == null) {
            throw new IOException("QMP socket " + socket + " is not open");
        }
        ByteBuffer b = ByteBuffer.wrap((json + "\n").getBytes(StandardCharsets.UTF_8));
        while (b.hasRemaining()) {
            channel.write(b);
        }
    }

    @Override
    public void close() {
        try {
            if (channel != null) {
                channel.close();
            }
        } catch (IOException ignored) {
            // nothing left to release
        }
    }

    @Override
    public String toString() {
        return "unix:" + socket;
    }
}
