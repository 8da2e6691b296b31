package dev.sluice.ui.vms;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

import dev.sluice.guest.GuestHost;
import dev.sluice.guest.GuestHosts;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The app's views, sparklines and a move's planning ask for a host's {@link GuestHost} at the same moment right
 * after it connects. Each open re-attaches to the host's running QEMU VMs, and QEMU serves one QMP session at a time:
 * two opens left the kept one without sessions (a live move then fell back to stop-and-send in the app).
 */
class GuestHostsCachingTest {

    @Test
    void callersAskingForOneHostAtOnceShareOneOpen(@TempDir Path tmp) throws Exception {
        GuestTestHost t = new GuestTestHost(tmp);
        AtomicInteger opens = new AtomicInteger();
        CountDownLatch inside = new CountDownLatch(1);
        GuestHosts hosts = GuestHosts.caching(runner -> {
            opens.incrementAndGet();
            inside.countDown();
            try {
                Thread.sleep(300); // a re-attach over SSH takes a while
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            return t.guests;
        });
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Future<GuestHost>> asked = new ArrayList<>();
            asked.add(pool.submit(() -> hosts.open(t.host)));
            inside.await(5, TimeUnit.SECONDS);
            for (int i = 0; i < 3; i++) {
                asked.add(pool.submit(() -> hosts.open(t.host)));
            }
            for (Future<GuestHost> f : asked) {
                assertSame(t.guests, f.get(5, TimeUnit.SECONDS));
            }
        } finally {
            pool.shutdownNow();
        }
        assertEquals(1, opens.get());
        hosts.open(t.host);
        assertEquals(1, opens.get(), "the same connection keeps its GuestHost");
    }
}
