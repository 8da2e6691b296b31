package dev.sluice.app;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CrashReporterTest {
    @TempDir
    Path state;

    @Test
    void theTraceGoesToAFileInTheStateDirectory() throws Exception {
        Path log = new CrashReporter(state.resolve("crashes")).write(Thread.currentThread(),
                new IllegalStateException("the pool list was empty"));
        assertTrue(log.getFileName().toString().matches("crash-\\d{8}-\\d{6}-\\d{3}\\.log"), log.toString());
        String text = Files.readString(log);
        assertTrue(text.contains("java.lang.IllegalStateException: the pool list was empty"), text);
        assertTrue(text.contains("at dev.sluice.app.CrashReporterTest"), text);
    }

    @Test
    void whatTheToolkitThrowsWhileTheProcessEndsIsNoCrashReport() throws Exception {
        Path dir = state.resolve("crashes");
        new CrashReporter(dir, () -> true).uncaughtException(Thread.currentThread(),
                new NullPointerException("GraphicsPipeline.getPipeline() is null"));
        assertFalse(Files.exists(dir) && Files.list(dir).findAny().isPresent(), "no report written");
        assertFalse(CrashReporter.jvmShuttingDown(), "a running JVM is not ending");
    }
}
