package dev.sluice.app;

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
}
