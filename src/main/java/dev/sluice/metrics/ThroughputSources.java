package dev.sluice.metrics;

import dev.sluice.host.CommandRunner;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;

/** The usual sources for one host, for the composition root: disks and zvols, pools and vdevs, VM drives. */
public final class ThroughputSources {
    private ThroughputSources() {
    }

    /**
     * {@code vms} lists the running QEMU VMs' QMP block statistics (empty until the QEMU wiring is
     * there); it is asked every tick, so VMs may come and go.
     */
    public static List<ThroughputSource> forHost(CommandRunner runner, Supplier<List<BlockStatsSource>> vms) {
        List<ThroughputSource> sources = new ArrayList<>();
        sources.add(DiskstatsSource.forHost(runner));
        sources.add(ZpoolIostatSource.forHost(runner));
        if (vms != null) {
            sources.add(new VmDrivesSource(vms, System::nanoTime, System::currentTimeMillis));
        }
        return List.copyOf(sources);
    }
}
