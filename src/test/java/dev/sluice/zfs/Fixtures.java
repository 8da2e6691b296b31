package dev.sluice.zfs;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/** Real outputs captured from OpenZFS 2.3.2 and 2.1.11 (see fixtures/openzfs-*&#47;MANIFEST.tsv). */
final class Fixtures {
    static final String V23 = "openzfs-2.3";
    static final String V21 = "openzfs-2.1";

    private Fixtures() {
    }

    /** The reviewed message table for every captured error (src/test/resources/dev/sluice/zfs). */
    static String expectedErrors() {
        return load("/dev/sluice/zfs/expected-errors.tsv");
    }

    static String read(String version, String file) {
        return load("/fixtures/" + version + "/" + file);
    }

    private static String load(String path) {
        try (InputStream in = Fixtures.class.getResourceAsStream(path)) {
            if (in == null) {
                throw new IllegalArgumentException("no fixture " + path);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
