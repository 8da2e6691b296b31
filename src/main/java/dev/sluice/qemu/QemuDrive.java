package dev.sluice.qemu;

import java.util.Locale;
import java.util.Objects;

/**
 * One virtio-blk disk of a QEMU VM: a zvol device ({@code /dev/zvol/pool/vm/disk0}) or an image
 * file. Always {@code cache=none} (the host's ARC already caches; double caching wastes RAM).
 * {@code declaredSizeBytes} is what the admin expects the disk to be (null: no expectation);
 * preflight warns when the zvol or image differs.
 */
public record QemuDrive(String source, Backing backing, Format format, int numQueues, Aio aio, boolean readOnly,
                        Long declaredSizeBytes) {

    public enum Backing { ZVOL, IMAGE }

    public enum Format {
        RAW, QCOW2;

        public String qemuName() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    /** {@code native} needs O_DIRECT (cache=none gives it); io_uring needs a QEMU built with liburing. */
    public enum Aio {
        NATIVE, THREADS, IO_URING;

        public String qemuName() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    public QemuDrive {
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(backing, "backing");
        format = format == null ? Format.RAW : format;
        aio = aio == null ? Aio.THREADS : aio;
        if (!source.startsWith("/")) {
            throw new IllegalArgumentException("A drive needs an absolute path on the host: " + source);
        }
        if (numQueues < 1 || numQueues > 64) {
            throw new IllegalArgumentException("num-queues must be between 1 and 64, not " + numQueues);
        }
        if (backing == Backing.ZVOL && format != Format.RAW) {
            throw new IllegalArgumentException("A zvol is a raw block device: use format raw for " + source);
        }
    }

    public static QemuDrive zvol(String device) {
        return new QemuDrive(device, Backing.ZVOL, Format.RAW, 1, Aio.NATIVE, false, null);
    }

    public static QemuDrive image(String path, Format format) {
        return new QemuDrive(path, Backing.IMAGE, format, 1, Aio.THREADS, false, null);
    }

    public QemuDrive withQueues(int n) {
        return new QemuDrive(source, backing, format, n, aio, readOnly, declaredSizeBytes);
    }

    public QemuDrive withAio(Aio a) {
        return new QemuDrive(source, backing, format, numQueues, a, readOnly, declaredSizeBytes);
    }

    public QemuDrive readOnly(boolean ro) {
        return new QemuDrive(source, backing, format, numQueues, aio, ro, declaredSizeBytes);
    }

    public QemuDrive withDeclaredSize(Long bytes) {
        return new QemuDrive(source, backing, format, numQueues, aio, readOnly, bytes);
    }
}
