package dev.sluice.host;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * What a stream between two hosts passes through on the wire besides its producer and consumer: a compressor
 * (compress after the producer, decompress before the consumer) and an {@code mbuffer} on each end that has one,
 * to smooth a bursty {@code zfs send} and a {@code zfs receive} that stalls while it syncs. Chosen once per
 * route from {@link WireTools#choose what both hosts have}.
 *
 * <p>Compression is on whenever both ends have a compressor, except for raw sends ({@code zfs send -w}): an
 * encrypted dataset's blocks are ciphertext, which no compressor shrinks. A compressed send ({@code -c}) keeps
 * it: its blocks are only as compressed as the dataset's {@code compression} property made them (often off or
 * lz4 on zvols), and {@code zstd -1} gives up quickly on a block it cannot shrink, so the cost is small.
 */
public record WireOptions(Optional<Compressor> compression, Optional<Buffer> sourceBuffer, Optional<Buffer> targetBuffer) {

    /** Nothing on the wire: the producer's bytes go straight into the consumer. */
    public static final WireOptions NONE = new WireOptions(Optional.empty(), Optional.empty(), Optional.empty());

    public WireOptions {
        compression = compression == null ? Optional.empty() : compression;
        sourceBuffer = sourceBuffer == null ? Optional.empty() : sourceBuffer;
        targetBuffer = targetBuffer == null ? Optional.empty() : targetBuffer;
    }

    /** A compressor both ends run by name; preferred in declaration order. */
    public enum Compressor {
        ZSTD("zstd", List.of("zstd", "-q", "-1", "-T0"), List.of("zstd", "-q", "-d")),
        LZ4("lz4", List.of("lz4", "-q", "-1", "-c"), List.of("lz4", "-q", "-d", "-c"));

        private final String program;
        private final List<String> compress;
        private final List<String> decompress;

        Compressor(String program, List<String> compress, List<String> decompress) {
            this.program = program;
            this.compress = compress;
            this.decompress = decompress;
        }

        public String program() {
            return program;
        }

        public Command compress() {
            return Command.of(compress).untimed();
        }

        public Command decompress() {
            return Command.of(decompress).untimed();
        }
    }

    /** {@code mbuffer} with {@code bytes} of memory, moving 128 KiB blocks (ZFS's default record size). */
    public record Buffer(long bytes) {
        public static final long DEFAULT_BYTES = 128L * 1024 * 1024;
        public static final String PROGRAM = "mbuffer";

        public Buffer {
            if (bytes < 1024 * 1024) {
                throw new IllegalArgumentException("an mbuffer of less than 1 MiB is no buffer: " + bytes);
            }
        }

        public Command command() {
            return Command.of(PROGRAM, "-q", "-s", "128k", "-m", (bytes / (1024 * 1024)) + "M").untimed();
        }

        public long mebibytes() {
            return bytes / (1024 * 1024);
        }
    }

    public boolean isNone() {
        return compression.isEmpty() && sourceBuffer.isEmpty() && targetBuffer.isEmpty();
    }

    /** The options for one stream from {@code producer}: without compression for a raw send (see above). */
    public WireOptions forStream(Command producer) {
        return compression.isPresent() && isRawSend(producer) ? new WireOptions(Optional.empty(), sourceBuffer, targetBuffer) : this;
    }

    /** The stages that run on the source host after the producer: compress, then buffer. */
    public List<Command> afterProducer() {
        List<Command> out = new ArrayList<>();
        compression.ifPresent(c -> out.add(c.compress()));
        sourceBuffer.ifPresent(b -> out.add(b.command()));
        return out;
    }

    /** The stages that run on the target host before the consumer: buffer, then decompress. */
    public List<Command> beforeConsumer() {
        List<Command> out = new ArrayList<>();
        targetBuffer.ifPresent(b -> out.add(b.command()));
        compression.ifPresent(c -> out.add(c.decompress()));
        return out;
    }

    /** {@code zfs send} with {@code -w}/{@code --raw} (alone or in a group of flags such as {@code -wc}). */
    static boolean isRawSend(Command producer) {
        List<String> a = producer.argv();
        int send = a.indexOf("send");
        if (send < 1 || !a.get(send - 1).endsWith("zfs")) {
            return false;
        }
        for (String arg : a.subList(send + 1, a.size())) {
            if (arg.equals("--raw") || arg.startsWith("-") && !arg.startsWith("--") && arg.chars().skip(1).allMatch(Character::isLetter)
                    && arg.indexOf('w') > 0) {
                return true;
            }
        }
        return false;
    }
}
