package dev.sluice.app;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;

/** Real tool outputs from src/test/resources/fixtures. */
final class HostProbeFixtures {
    private HostProbeFixtures() {
    }

    static String libvirt(String name) {
        try (InputStream in = HostProbeFixtures.class.getResourceAsStream("/fixtures/libvirt-9.0/" + name)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException | NullPointerException e) {
            throw new AssertionError("fixture " + name, e);
        }
    }
}
