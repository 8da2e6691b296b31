package dev.sluice.bench;

import com.sun.management.GarbageCollectionNotificationInfo;
import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import java.util.stream.Collectors;
import javax.management.NotificationEmitter;
import javax.management.openmbean.CompositeData;

/**
 * How long the FX thread works without a break, for {@link FrameMeter}: a daemon thread reads the FX thread's
 * CPU clock every millisecond. While the clock advances by at least a quarter of the wall time the thread is
 * working, and the stretch's CPU adds up; once it stops (the FX thread waits for the renderer, idles, or a GC
 * pause stops it) the stretch ends. A stretch is the FX thread's own work, the part of a frame Sluice decides:
 * with a GPU, painting takes a few ms, and software rendering here takes 20-130 ms a frame on the renderer thread.
 * GC pauses are counted apart, from the JVM's own notifications.
 */
final class FxWork {
    private static final boolean PROFILE = Boolean.getBoolean("sluice.bench.fxProfile");
    private static final long STALL_NS = 16_000_000;

    private final AtomicLong longest = new AtomicLong();
    private final AtomicLong longestGc = new AtomicLong();
    private final Map<String, Integer> samples = new HashMap<>();
    private volatile boolean resetAsked;

    void start(Thread fx) {
        ThreadMXBean mx = ManagementFactory.getThreadMXBean();
        long id = fx.threadId();
        Thread sampler = new Thread(() -> {
            long cpu = mx.getThreadCpuTime(id);
            long wall = System.nanoTime();
            long stretch = 0;
            while (true) {
                LockSupport.parkNanos(1_000_000);
                long c = mx.getThreadCpuTime(id);
                long w = System.nanoTime();
                if (resetAsked) {
                    resetAsked = false;
                    stretch = 0;
                } else if ((c - cpu) * 4 >= (w - wall)) {
                    stretch += c - cpu;
                    longest.accumulateAndGet(stretch, Math::max);
                    if (PROFILE && stretch > STALL_NS) {
                        sample(fx);
                    }
                } else {
                    stretch = 0;
                }
                cpu = c;
                wall = w;
            }
        }, "fx-work-meter");
        sampler.setDaemon(true);
        sampler.start();
        for (GarbageCollectorMXBean gc : ManagementFactory.getGarbageCollectorMXBeans()) {
            if (gc.getName().contains("Concurrent") || !(gc instanceof NotificationEmitter emitter)) {
                continue; // G1's concurrent cycle is not a pause
            }
            emitter.addNotificationListener((n, h) -> {
                if (GarbageCollectionNotificationInfo.GARBAGE_COLLECTION_NOTIFICATION.equals(n.getType())) {
                    long ms = GarbageCollectionNotificationInfo.from((CompositeData) n.getUserData()).getGcInfo().getDuration();
                    longestGc.accumulateAndGet(ms, Math::max);
                }
            }, null, null);
        }
    }

    void reset() {
        resetAsked = true;
        longest.set(0);
        longestGc.set(0);
    }

    double longestMs() {
        return longest.get() / 1e6;
    }

    double longestGcPauseMs() {
        return longestGc.get();
    }

    private void sample(Thread fx) {
        StackTraceElement[] stack = fx.getStackTrace();
        StringBuilder key = new StringBuilder();
        int kept = 0;
        for (StackTraceElement e : stack) {
            String c = e.getClassName();
            if (c.startsWith("java.") || c.startsWith("jdk.") || c.startsWith("sun.")) {
                continue;
            }
            key.append(kept == 0 ? "" : " < ").append(c.substring(c.lastIndexOf('.') + 1)).append('.').append(e.getMethodName());
            if (++kept == 4) {
                break;
            }
        }
        synchronized (samples) {
            samples.merge(key.toString(), 1, Integer::sum);
        }
    }

    String profile(int top) {
        synchronized (samples) {
            String out = samples.entrySet().stream().sorted(Map.Entry.<String, Integer>comparingByValue().reversed()).limit(top)
                    .map(e -> String.format(Locale.ROOT, "      %5d ms  %s", e.getValue(), e.getKey()))
                    .collect(Collectors.joining("\n"));
            samples.clear();
            return out;
        }
    }
}
