package dev.sluice.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sluice.config.AppDirs;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Issue 11 item 2: one Sluice per user and machine; a second start asks the first to show itself and exits. */
class SingleInstanceTest {

    @TempDir
    Path home;

    /** A second Sluice, as a real process: the app's own check, then it prints what it decided. */
    public static void main(String[] args) {
        System.out.println(SluiceApp.becomeTheInstance(AppDirs.current()) ? "FIRST" : "SECOND");
    }

    private String startAnother() throws Exception {
        Process p = new ProcessBuilder(ProcessHandle.current().info().command().orElse("java"), "-Dsluice.home=" + home,
                "-cp", System.getProperty("java.class.path"), SingleInstanceTest.class.getName()).redirectErrorStream(true).start();
        assertTrue(p.waitFor(60, TimeUnit.SECONDS));
        return new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
    }

    @Test
    void aSecondProcessFocusesTheFirstAndExits() throws Exception {
        CountDownLatch shown = new CountDownLatch(1);
        Optional<SingleInstance> first = SingleInstance.acquire(AppDirs.under(home).state(), shown::countDown);
        assertTrue(first.isPresent());
        try {
            String second = startAnother();
            assertTrue(second.endsWith("SECOND"), second);
            assertTrue(shown.await(10, TimeUnit.SECONDS), "the first was asked to show its window");
        } finally {
            first.get().close();
        }
        String after = startAnother();
        assertTrue(after.endsWith("FIRST"), "once the first has ended, the next start is the instance: " + after);
    }

    @Test
    void theFirstKeepsItsLockThroughGarbageCollection() throws Exception {
        Process p = new ProcessBuilder(ProcessHandle.current().info().command().orElse("java"), "-Dsluice.home=" + home,
                "-cp", System.getProperty("java.class.path"), HoldAndWait.class.getName()).redirectErrorStream(true).start();
        try {
            byte[] buf = new byte[5];
            assertEquals(5, p.getInputStream().readNBytes(buf, 0, 5));
            assertEquals("FIRST", new String(buf, StandardCharsets.US_ASCII));
            String second = startAnother();
            assertTrue(second.endsWith("SECOND"), second);
        } finally {
            p.destroyForcibly().waitFor(30, TimeUnit.SECONDS);
        }
    }

    @Test
    void aLockLeftByAKilledProcessDoesNotBlockTheNextStart() throws Exception {
        // a process that takes the lock and is killed with -9 (the kernel drops the lock; the socket file stays)
        Process p = new ProcessBuilder(ProcessHandle.current().info().command().orElse("java"), "-Dsluice.home=" + home,
                "-cp", System.getProperty("java.class.path"), HoldAndWait.class.getName()).redirectErrorStream(true).start();
        byte[] buf = new byte[5];
        assertEquals(5, p.getInputStream().readNBytes(buf, 0, 5));
        assertEquals("FIRST", new String(buf, StandardCharsets.US_ASCII));
        p.destroyForcibly().waitFor(30, TimeUnit.SECONDS);
        Optional<SingleInstance> next = SingleInstance.acquire(AppDirs.under(home).state(), () -> { });
        assertTrue(next.isPresent());
        next.get().close();
    }

    /** Takes the instance and waits to be killed. */
    public static final class HoldAndWait {
        public static void main(String[] args) throws Exception {
            boolean first = SluiceApp.becomeTheInstance(AppDirs.current());
            for (int i = 0; i < 5; i++) {
                System.gc(); // the lock must outlive any collection: nothing but a field keeps it
                Thread.sleep(50);
            }
            System.out.print(first ? "FIRST" : "SECON");
            System.out.flush();
            Thread.sleep(600_000);
        }
    }
}
