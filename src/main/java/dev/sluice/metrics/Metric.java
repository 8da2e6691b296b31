package dev.sluice.metrics;

/** The four numbers kept per device and sample. */
public enum Metric {
    READ_BPS, WRITE_BPS, READ_IOPS, WRITE_IOPS;

    public boolean isBytes() {
        return this == READ_BPS || this == WRITE_BPS;
    }

    public double of(IoRate r) {
        return switch (this) {
            case READ_BPS -> r.readBps();
            case WRITE_BPS -> r.writeBps();
            case READ_IOPS -> r.readIops();
            case WRITE_IOPS -> r.writeIops();
        };
    }
}
