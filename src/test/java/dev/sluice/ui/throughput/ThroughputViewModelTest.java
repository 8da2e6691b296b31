package dev.sluice.ui.throughput;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sluice.metrics.Device;
import dev.sluice.metrics.FakeSource;
import dev.sluice.metrics.ManualTicker;
import dev.sluice.metrics.Metric;
import dev.sluice.metrics.ThroughputMonitor;
import dev.sluice.task.TaskExecutor;
import dev.sluice.ui.common.I18n;
import java.io.StringWriter;
import java.time.Duration;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class ThroughputViewModelTest {
    private static final long T0 = 1_763_719_200_000L; // 2025-11-21T10:00:00Z
    private final AtomicLong nanos = new AtomicLong();
    private final ManualTicker ticker = new ManualTicker();
    private final FakeSource source = new FakeSource(nanos::get, () -> T0 + nanos.get() / 1_000_000);
    private final ThroughputMonitor monitor = new ThroughputMonitor(List.of(source), ticker, TaskExecutor.direct(),
            new ThroughputMonitor.Settings(Duration.ofSeconds(1), Duration.ofSeconds(10)));
    private final Device zvol = Device.zvol("tank/vms/win11");
    private final Device pool = Device.pool("tank");
    private final Device vdev = Device.vdev("tank", "mirror-0");
    private final ThroughputViewModel vm = new ThroughputViewModel(monitor,
            d -> d.equals(zvol) ? Optional.of("win11") : Optional.empty(), ZoneOffset.UTC);

    @BeforeAll
    static void english() {
        I18n.setLocale(Locale.ROOT);
    }

    private void second() {
        nanos.addAndGet(1_000_000_000L);
        ticker.tick();
    }

    @Test
    void samplesOnlyWhileShown() {
        assertFalse(monitor.isSampling());
        assertEquals("Sampling is stopped while this view is hidden.", vm.emptyMessageProperty().get());
        vm.shown();
        assertTrue(monitor.isSampling());
        assertEquals("Waiting for the first samples…", vm.emptyMessageProperty().get());
        vm.hidden();
        assertFalse(monitor.isSampling());
        assertFalse(ticker.isRunning());
    }

    @Test
    void devicesAreGroupedLabelledAndTheInterestingOnesPicked() {
        source.set(vdev, 0, 0, 0, 0).set(zvol, 0, 0, 0, 0).set(pool, 0, 0, 0, 0).set(Device.disk("sda"), 0, 0, 0, 0);
        vm.shown();
        second();
        List<String> labels = vm.devices().stream().map(DeviceChoice::label).toList();
        assertEquals(List.of("tank", "tank/mirror-0", "tank/vms/win11 (used by win11)", "sda"), labels);
        List<Boolean> picked = vm.devices().stream().map(DeviceChoice::isSelected).toList();
        assertEquals(List.of(true, false, true, false), picked, "pools and zvols are charted at first, vdevs and disks on demand");
        assertEquals(DeviceChoice.Group.POOLS, vm.devices().get(1).group());
    }

    @Test
    void combinedOrSeparateChartsAndBandwidthOrIops() {
        source.set(zvol, 0, 0, 0, 0).set(pool, 0, 0, 0, 0);
        vm.shown();
        second();
        assertEquals(1, vm.plots().size());
        assertEquals(List.of("tank read", "tank write", "tank/vms/win11 read", "tank/vms/win11 write"),
                vm.plots().get(0).lines().stream().map(PlotLine::name).toList());
        long layouts = vm.layoutRevisionProperty().get();
        vm.combinedProperty().set(false);
        assertEquals(layouts + 1, vm.layoutRevisionProperty().get());
        assertEquals(List.of("tank", "tank/vms/win11 (used by win11)"), vm.plots().stream().map(Plot::title).toList());
        vm.measureProperty().set(ThroughputViewModel.Measure.IOPS);
        assertEquals(Metric.WRITE_IOPS, vm.plots().get(1).lines().get(1).metric());
        vm.devices().forEach(c -> c.setSelected(false));
        assertTrue(vm.emptyProperty().get());
        assertEquals("Pick one or more devices on the left to chart them.", vm.emptyMessageProperty().get());
    }

    @Test
    void valuesFlowIntoTheLinesAndPauseFreezesThem() {
        source.set(zvol, 0, 0, 0, 0);
        vm.shown();
        second();
        source.set(zvol, 0, 3 * 1024 * 1024, 0, 30);
        second();
        PlotLine write = vm.plots().get(0).lines().get(1);
        assertEquals(1, write.size());
        assertEquals(3.0 * 1024 * 1024, write.value(0));
        assertEquals("10:00:02\ntank/vms/win11 read: 0 B/s\ntank/vms/win11 write: 3 MiB/s", vm.hoverText(vm.plots().get(0), 0));

        vm.togglePause();
        long rev = vm.revisionProperty().get();
        source.set(zvol, 0, 4 * 1024 * 1024, 0, 40);
        second();
        assertEquals(rev, vm.revisionProperty().get(), "paused: the picture stays");
        assertEquals(1, write.size());
        vm.togglePause();
        assertEquals(2, write.size(), "resumed: catches up with what was sampled meanwhile");
        assertEquals(1024.0 * 1024, write.value(1));
    }

    @Test
    void exportsWhatIsShownAsCsv() throws Exception {
        Device odd = Device.zvol("tank/a,b");
        source.set(zvol, 0, 0, 0, 0).set(odd, 0, 0, 0, 0);
        vm.shown();
        second();
        source.set(zvol, 2048, 1_000_000, 2, 10).set(odd, 0, 0, 0, 0);
        second();
        StringWriter out = new StringWriter();
        vm.exportCsv(out);
        assertEquals("""
                timestamp,device,read_Bps,write_Bps,read_iops,write_iops
                2025-11-21T10:00:02Z,"tank/a,b",0.0,0.0,0.00,0.00
                2025-11-21T10:00:02Z,tank/vms/win11,2048.0,1000000.0,2.00,10.00
                """, out.toString());
    }

    @Test
    void vanishedDevicesLeaveThePickerAndTheCharts() {
        source.set(zvol, 0, 0, 0, 0).set(pool, 0, 0, 0, 0);
        vm.shown();
        second();
        source.remove(zvol);
        second();
        assertEquals(List.of(pool), vm.devices().stream().map(DeviceChoice::device).toList());
        assertEquals(2, vm.plots().get(0).lines().size());
        source.remove(pool);
        second();
        assertEquals("No pools, zvols, disks or VM drives were found on this host.", vm.emptyMessageProperty().get());
    }

    @Test
    void unitsScaleFromBytesToGibibytes() {
        assertEquals("512 B/s", Units.rate(512));
        assertEquals("1.50 KiB/s", Units.rate(1536));
        assertEquals("12.5 MiB/s", Units.rate(12.5 * 1024 * 1024));
        assertEquals("2 GiB/s", Units.rate(2.0 * 1024 * 1024 * 1024));
        assertEquals("0.50 MiB/s", Units.rate(512 * 1024, 2));
        assertEquals("150 IOPS", Units.iops(150));
        assertEquals(2.0, RateChart.niceStep(1.3));
        assertEquals(50.0, RateChart.niceStep(31));
    }

    @Test
    void noSourceIsSaidHonestly() {
        ThroughputViewModel none = new ThroughputViewModel(new ThroughputMonitor(List.of(), ticker, TaskExecutor.direct(),
                ThroughputMonitor.Settings.DEFAULT), DeviceLabeller.NONE);
        none.shown();
        assertEquals("No throughput source is set up for this host, so there is nothing to chart.", none.emptyMessageProperty().get());
    }
}
