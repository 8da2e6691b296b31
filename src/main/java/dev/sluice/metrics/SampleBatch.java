package dev.sluice.metrics;

import java.util.List;
import java.util.Map;

/**
 * What one source saw at one tick: every device it currently knows ({@code devices}, in display
 * order) and the rates of those that have one ({@code rates}; a device seen for the first time has
 * no rate yet). {@code wallMillis} is when it was taken, for timestamps in exports.
 */
public record SampleBatch(String source, long wallMillis, List<Device> devices, Map<Device, IoRate> rates) {

    public SampleBatch {
        devices = List.copyOf(devices);
        rates = Map.copyOf(rates);
    }
}
