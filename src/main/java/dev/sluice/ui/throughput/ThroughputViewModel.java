package dev.sluice.ui.throughput;

import dev.sluice.metrics.Device;
import dev.sluice.metrics.Metric;
import dev.sluice.metrics.ThroughputMonitor;
import dev.sluice.metrics.ThroughputUnavailable;
import dev.sluice.ui.common.I18n;
import java.io.IOException;
import java.io.Writer;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyLongProperty;
import javafx.beans.property.ReadOnlyLongWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

/**
 * The Throughput view's state: which devices exist and which are charted, combined or separate
 * charts, bandwidth or IOPS, paused or live, and the lines to draw. Sampling runs only between
 * {@link #shown()} and {@link #hidden()}. {@code layoutRevision} changes when the charts' shape
 * changes (rebuild series); {@code revision} when only values changed (update in place).
 */
public final class ThroughputViewModel {

    public enum Measure { BANDWIDTH, IOPS }

    static final String CSV_HEADER = "timestamp,device,read_Bps,write_Bps,read_iops,write_iops";
    private static final int DEFAULT_SELECTION_LIMIT = 8;
    private static final DateTimeFormatter HOVER_TIME = DateTimeFormatter.ofPattern("HH:mm:ss");

    private final ThroughputMonitor monitor;
    private final DeviceLabeller labeller;
    private final ZoneId zone;
    private final ObservableList<DeviceChoice> devices = FXCollections.observableArrayList();
    private final BooleanProperty combined = new SimpleBooleanProperty(this, "combined", true);
    private final ObjectProperty<Measure> measure = new SimpleObjectProperty<>(this, "measure", Measure.BANDWIDTH);
    private final BooleanProperty paused = new SimpleBooleanProperty(this, "paused");
    private final ReadOnlyLongWrapper revision = new ReadOnlyLongWrapper(this, "revision");
    private final ReadOnlyLongWrapper layoutRevision = new ReadOnlyLongWrapper(this, "layoutRevision");
    private final ReadOnlyStringWrapper problem = new ReadOnlyStringWrapper(this, "problem", "");
    private final ReadOnlyStringWrapper emptyMessage = new ReadOnlyStringWrapper(this, "emptyMessage", "");
    private final ReadOnlyBooleanWrapper empty = new ReadOnlyBooleanWrapper(this, "empty", true);
    private final ReadOnlyBooleanWrapper sampling = new ReadOnlyBooleanWrapper(this, "sampling");
    private final Map<Device, DeviceBuffer> buffers = new HashMap<>();
    private List<Plot> plots = List.of();
    private ThroughputMonitor.Subscription subscription;
    private boolean seenBatch;

    public ThroughputViewModel(ThroughputMonitor monitor, DeviceLabeller labeller) {
        this(monitor, labeller, ZoneId.systemDefault());
    }

    public ThroughputViewModel(ThroughputMonitor monitor, DeviceLabeller labeller, ZoneId zone) {
        this.monitor = monitor;
        this.labeller = labeller == null ? DeviceLabeller.NONE : labeller;
        this.zone = zone;
        combined.addListener((o, a, b) -> relayout());
        measure.addListener((o, a, b) -> relayout());
        paused.addListener((o, was, now) -> {
            if (!now) {
                refill();
            }
        });
        updateEmpty();
    }

    // --- properties -------------------------------------------------------------------------

    public ObservableList<DeviceChoice> devices() {
        return devices;
    }

    public BooleanProperty combinedProperty() {
        return combined;
    }

    public ObjectProperty<Measure> measureProperty() {
        return measure;
    }

    public BooleanProperty pausedProperty() {
        return paused;
    }

    public ReadOnlyLongProperty revisionProperty() {
        return revision.getReadOnlyProperty();
    }

    public ReadOnlyLongProperty layoutRevisionProperty() {
        return layoutRevision.getReadOnlyProperty();
    }

    /** The latest problem a source reported, fit to show as it is; empty when none. */
    public ReadOnlyStringProperty problemProperty() {
        return problem.getReadOnlyProperty();
    }

    public ReadOnlyBooleanProperty emptyProperty() {
        return empty.getReadOnlyProperty();
    }

    /** Why there is nothing to chart, when {@link #emptyProperty()} is true. */
    public ReadOnlyStringProperty emptyMessageProperty() {
        return emptyMessage.getReadOnlyProperty();
    }

    public ReadOnlyBooleanProperty samplingProperty() {
        return sampling.getReadOnlyProperty();
    }

    /** The charts to draw now. */
    public List<Plot> plots() {
        return plots;
    }

    public int windowPoints() {
        return monitor.settings().capacity();
    }

    public double periodSeconds() {
        return monitor.settings().period().toMillis() / 1000.0;
    }

    // --- commands ----------------------------------------------------------------------------

    /** The view became visible: sample. */
    public void shown() {
        if (subscription == null) {
            problem.set(""); // a stream that stopped while hidden is restarted now
            subscription = monitor.subscribe(new ThroughputMonitor.Listener() {
                @Override
                public void updated(List<Device> now, long wallMillis) {
                    onUpdate(now);
                }

                @Override
                public void problem(ThroughputUnavailable p) {
                    problem.set(p.getMessage());
                }
            });
            sampling.set(true);
        }
        updateEmpty();
    }

    /** The view is hidden: stop sampling (the monitor kills its commands when nobody else listens). */
    public void hidden() {
        if (subscription != null) {
            subscription.close();
            subscription = null;
        }
        sampling.set(false);
        seenBatch = false;
        updateEmpty();
    }

    public void togglePause() {
        paused.set(!paused.get());
    }

    /** Writes what is shown of the charted devices: one row per device and sample. */
    public void exportCsv(Writer out) throws IOException {
        out.write(CSV_HEADER);
        out.write('\n');
        for (DeviceChoice c : selected()) {
            DeviceBuffer b = buffers.get(c.device());
            if (b == null) {
                continue;
            }
            String device = csvField(c.device().name());
            for (int i = 0; i < b.size; i++) {
                out.write(Instant.ofEpochMilli(b.times[i]).toString());
                out.write(',');
                out.write(device);
                out.write(String.format(Locale.ROOT, ",%.1f,%.1f,%.2f,%.2f\n",
                        b.values[Metric.READ_BPS.ordinal()][i], b.values[Metric.WRITE_BPS.ordinal()][i],
                        b.values[Metric.READ_IOPS.ordinal()][i], b.values[Metric.WRITE_IOPS.ordinal()][i]));
            }
        }
    }

    /** The hover text for a plot, {@code ago} samples before its newest: time and every line's value. */
    public String hoverText(Plot plot, int ago) {
        StringBuilder sb = new StringBuilder();
        for (PlotLine line : plot.lines()) {
            int i = line.size() - 1 - ago;
            if (i < 0) {
                continue;
            }
            if (sb.isEmpty()) {
                sb.append(HOVER_TIME.format(Instant.ofEpochMilli(line.time(i)).atZone(zone)));
            }
            sb.append('\n').append(line.name()).append(": ").append(format(line.metric(), line.value(i)));
        }
        return sb.toString();
    }

    public static String format(Metric metric, double value) {
        return metric.isBytes() ? Units.rate(value) : Units.iops(value);
    }

    // --- internals ---------------------------------------------------------------------------

    private void onUpdate(List<Device> now) {
        seenBatch = true;
        if (syncDevices(now)) {
            relayout();
        } else if (!paused.get()) {
            refill();
        }
        updateEmpty();
    }

    /** Adds new devices (selecting the first few of interest), drops vanished ones. True if the set changed. */
    private boolean syncDevices(List<Device> now) {
        Set<Device> present = new HashSet<>(now);
        boolean changed = devices.removeIf(c -> !present.contains(c.device()));
        Set<Device> known = new HashSet<>();
        devices.forEach(c -> known.add(c.device()));
        long selectedCount = devices.stream().filter(DeviceChoice::isSelected).count();
        List<DeviceChoice> added = new ArrayList<>();
        for (Device d : now) {
            if (!known.contains(d)) {
                boolean pick = d.kind() != Device.Kind.VDEV && d.kind() != Device.Kind.DISK
                        && selectedCount < DEFAULT_SELECTION_LIMIT;
                if (pick) {
                    selectedCount++;
                }
                DeviceChoice c = new DeviceChoice(d, label(d), pick);
                c.selectedProperty().addListener((o, a, b) -> relayout());
                added.add(c);
            }
        }
        if (!added.isEmpty()) {
            devices.addAll(added);
            devices.sort((a, b) -> {
                int g = a.group().compareTo(b.group());
                return g != 0 ? g : a.device().compareTo(b.device());
            });
            changed = true;
        }
        buffers.keySet().retainAll(present);
        return changed;
    }

    private String label(Device d) {
        return switch (d.kind()) {
            case VDEV -> d.name();
            case ZVOL -> labeller.usedBy(d).map(vm -> I18n.t("throughput.device.usedBy", d.name(), vm)).orElse(d.name());
            default -> d.name();
        };
    }

    private List<DeviceChoice> selected() {
        return devices.stream().filter(DeviceChoice::isSelected).toList();
    }

    private void relayout() {
        List<Plot> next = new ArrayList<>();
        Metric[] metrics = measure.get() == Measure.IOPS
                ? new Metric[] {Metric.READ_IOPS, Metric.WRITE_IOPS}
                : new Metric[] {Metric.READ_BPS, Metric.WRITE_BPS};
        List<PlotLine> all = new ArrayList<>();
        for (DeviceChoice c : selected()) {
            DeviceBuffer buffer = buffers.computeIfAbsent(c.device(), k -> new DeviceBuffer(windowPoints()));
            List<PlotLine> own = new ArrayList<>();
            for (Metric m : metrics) {
                String suffix = I18n.t(m == Metric.READ_BPS || m == Metric.READ_IOPS ? "throughput.read" : "throughput.write");
                own.add(new PlotLine(c.device(), m, (combined.get() ? c.device().name() + " " : "") + suffix, buffer));
            }
            if (combined.get()) {
                all.addAll(own);
            } else {
                next.add(new Plot(c.label(), List.copyOf(own)));
            }
        }
        if (combined.get() && !all.isEmpty()) {
            next.add(new Plot(I18n.t(measure.get() == Measure.IOPS ? "throughput.chart.iops" : "throughput.chart.bandwidth"),
                    List.copyOf(all)));
        }
        plots = List.copyOf(next);
        if (!paused.get()) {
            refillBuffers();
        }
        layoutRevision.set(layoutRevision.get() + 1);
        revision.set(revision.get() + 1);
        updateEmpty();
    }

    private void refill() {
        refillBuffers();
        revision.set(revision.get() + 1);
    }

    private void refillBuffers() {
        for (Map.Entry<Device, DeviceBuffer> e : buffers.entrySet()) {
            e.getValue().refill(monitor.series(e.getKey()));
        }
    }

    private void updateEmpty() {
        String why;
        if (!monitor.hasSources()) {
            why = I18n.t("throughput.empty.noSource");
        } else if (subscription == null) {
            why = I18n.t("throughput.empty.hidden");
        } else if (!seenBatch && devices.isEmpty()) {
            why = I18n.t("throughput.empty.waiting");
        } else if (devices.isEmpty()) {
            why = I18n.t("throughput.empty.noDevices");
        } else if (plots.isEmpty()) {
            why = I18n.t("throughput.empty.noneSelected");
        } else {
            why = "";
        }
        emptyMessage.set(why);
        empty.set(!why.isEmpty());
    }

    static String csvField(String s) {
        if (s.indexOf(',') < 0 && s.indexOf('"') < 0 && s.indexOf('\n') < 0) {
            return s;
        }
        return '"' + s.replace("\"", "\"\"") + '"';
    }
}
