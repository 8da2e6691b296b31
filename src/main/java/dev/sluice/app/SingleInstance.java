package dev.sluice.app;

import java.io.IOException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * One Sluice per user and machine. The first process holds an exclusive lock on {@code instance.lock} in the
 * state directory (the kernel drops it when the process dies, even by kill -9) and listens on the unix-domain
 * socket {@code instance.sock} beside it. A second start finds the lock taken, tells the first to show its
 * window through the socket, and exits: two processes never run, resume or roll back the same migration.
 */
public final class SingleInstance implements AutoCloseable {
    static final String SHOW = "show\n";
    /** sockaddr_un holds 108 bytes; a longer path cannot be bound. */
    private static final int SOCKET_PATH_MAX = 100;

    private final FileChannel lockFile;
    private final FileLock lock;
    private final ServerSocketChannel server;
    private final Path socket;

    private SingleInstance(FileChannel lockFile, FileLock lock, ServerSocketChannel server, Path socket) {
        this.lockFile = lockFile;
        this.lock = lock;
        this.server = server;
        this.socket = socket;
    }

    /**
     * This process becomes the instance (returned; {@code onShow} runs whenever a later start asks), or another
     * live process already is (empty: it has been asked to show itself, and this process should exit).
     */
    public static Optional<SingleInstance> acquire(Path stateDir, Runnable onShow) throws IOException {
        Files.createDirectories(stateDir);
        Path socket = stateDir.resolve("instance.sock");
        FileChannel ch = FileChannel.open(stateDir.resolve("instance.lock"), StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                LinkOption.NOFOLLOW_LINKS);
        FileLock lock;
        try {
            lock = ch.tryLock();
        } catch (OverlappingFileLockException sameJvm) {
            lock = null;
        }
        if (lock == null) {
            ch.close();
            tellToShow(socket);
            return Optional.empty();
        }
        ServerSocketChannel server = null;
        if (socket.toString().length() <= SOCKET_PATH_MAX) {
            // holding the lock means any socket file left here is from a dead process
            Files.deleteIfExists(socket);
            server = ServerSocketChannel.open(StandardProtocolFamily.UNIX);
            server.bind(UnixDomainSocketAddress.of(socket));
            ServerSocketChannel listening = server;
            Thread.ofPlatform().daemon().name("sluice-single-instance").start(() -> listen(listening, onShow));
        }
        return Optional.of(new SingleInstance(ch, lock, server, socket));
    }

    private static void listen(ServerSocketChannel server, Runnable onShow) {
        while (server.isOpen()) {
            try (SocketChannel c = server.accept()) {
                ByteBuffer buf = ByteBuffer.allocate(16);
                c.read(buf);
                if (new String(buf.array(), 0, buf.position(), StandardCharsets.US_ASCII).equals(SHOW)) {
                    onShow.run();
                }
            } catch (IOException e) {
                if (!server.isOpen()) {
                    return;
                }
            }
        }
    }

    /** The first process may still be starting: try for a few seconds. */
    private static void tellToShow(Path socket) {
        Instant until = Instant.now().plus(Duration.ofSeconds(5));
        while (Instant.now().isBefore(until)) {
            if (Files.exists(socket, LinkOption.NOFOLLOW_LINKS)) {
                try (SocketChannel c = SocketChannel.open(UnixDomainSocketAddress.of(socket))) {
                    c.write(ByteBuffer.wrap(SHOW.getBytes(StandardCharsets.US_ASCII)));
                    return;
                } catch (IOException e) {
                    // not listening yet
                }
            }
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    /** For a shutdown hook: nothing to report any more. */
    void closeQuietly() {
        try {
            close();
        } catch (IOException | RuntimeException e) {
            // the process ends: the kernel drops the lock anyway
        }
    }

    @Override
    public void close() throws IOException {
        if (server != null) {
            server.close();
            Files.deleteIfExists(socket);
        }
        lock.release();
        lockFile.close();
    }
}
