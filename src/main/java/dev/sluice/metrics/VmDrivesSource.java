package dev.sluice.metrics;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.LongSupplier;
import java.util.function.Supplier;

/**
 * The drives of running QEMU VMs, polled over QMP once per tick (QMP is a socket already open, so
 * a query costs no process). {@code vms} is asked each tick, so VMs that start or stop come and
 * go; a VM whose query fails drops out until it answers again.
 */
public final class VmDrivesSource implements ThroughputSource {
    private final Supplier<List<BlockStatsSource>> vms;
    private final LongSupplier nanoClock;
    private final LongSupplier wallClock;
    private final RateCalculator rates = new RateCalculator();
    private volatile Sink sink;

    public VmDrivesSource(Supplier<List<BlockStatsSource>> vms, LongSupplier nanoClock, LongSupplier wallClock) {
        this.vms = vms;
        this.nanoClock = nanoClock;
        this.wallClock = wallClock;
    }

    @Override
    public String name() {
        return "VM drives";
    }

    @Override
    public void open(Sink sink) {
        this.sink = sink;
    }

    @Override
    public synchronized void poll() {
        Sink s = sink;
        if (s == null) {
            return;
        }
        List<Device> devices = new ArrayList<>();
        Map<Device, IoRate> out = new HashMap<>();
        Set<String> keys = new HashSet<>();
        for (BlockStatsSource vm : vms.get()) {
            List<BlockStatsSource.DriveStats> drives;
            try {
                drives = vm.queryBlockStats();
            } catch (Exception e) {
                continue; // stopped or busy: its drives vanish until it answers
            }
            long now = nanoClock.getAsLong();
            for (BlockStatsSource.DriveStats drive : drives) {
                Device d = Device.vmDrive(vm.vmName(), drive.drive());
                String key = d.name();
                keys.add(key);
                devices.add(d);
                IoRate r = rates.update(key, key, drive.counters(), now);
                if (r != null) {
                    out.put(d, r);
                }
            }
        }
        rates.retainOnly(keys);
        s.batch(new SampleBatch(name(), wallClock.getAsLong(), devices, out));
    }

    @Override
    public synchronized void close() {
        sink = null;
        rates.retainOnly(Set.of());
    }
}
