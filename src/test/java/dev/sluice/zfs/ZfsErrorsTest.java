package dev.sluice.zfs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sluice.host.Command;
import dev.sluice.zfs.ZfsException.Kind;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every failing command captured on OpenZFS 2.3 and 2.1 (MANIFEST.tsv rows with a non-zero exit
 * and stderr) is classified, and the message a user gets is the reviewed one in
 * dev/sluice/zfs/expected-errors.tsv. Then the texts from libzfs we could not provoke in the capture.
 */
class ZfsErrorsTest {

    static Stream<Arguments> capturedErrors() {
        List<Arguments> out = new ArrayList<>();
        for (String line : Fixtures.expectedErrors().split("\n")) {
            if (line.startsWith("#") || line.isBlank()) {
                continue;
            }
            String[] f = line.split("\t", -1);
            out.add(Arguments.of(f[0], f[1], Kind.valueOf(f[2]), f[3].isEmpty() ? List.of() : List.of(f[3].split(",")), f[4]));
        }
        return out.stream();
    }

    @ParameterizedTest(name = "{0} {1} -> {2}")
    @MethodSource("capturedErrors")
    void capturedErrorIsClassifiedWithItsMessage(String version, String file, Kind kind, List<String> names, String message) {
        String[] row = manifestRow(version, file);
        ZfsCommandException e = ZfsErrors.classify(commandOf(row[3]), Integer.parseInt(row[1]),
                Fixtures.read(version, file), null);
        assertEquals(kind, e.kind());
        assertEquals(names, e.names());
        assertEquals(message, e.getMessage());
        assertNotEquals(Kind.UNKNOWN, e.kind());
    }

    @Test
    void everyFailingCaptureIsInTheTable() {
        long table = capturedErrors().count();
        long manifest = 0;
        for (String v : List.of(Fixtures.V23, Fixtures.V21)) {
            for (String line : Fixtures.read(v, "MANIFEST.tsv").split("\n")) {
                String[] f = line.split("\t");
                if (!f[1].equals("0") && f[2].contains("stderr")) {
                    manifest++;
                }
            }
        }
        assertEquals(manifest, table);
    }

    @Test
    void interruptedReceiveCarriesTheResumeToken() {
        ZfsCommandException e = ZfsErrors.classify(Command.of("zfs", "receive", "-s", "tank/resume/myvbox"), 1,
                Fixtures.read(Fixtures.V23, "zfs-receive-s-interrupted.txt"), null);
        assertEquals(Fixtures.read(Fixtures.V23, "receive-resume-token-value.txt").strip(), e.resumeToken().orElseThrow());
        assertEquals(1, e.exitCode());
    }

    @Test
    void loadKeyExitCode255IsKept() {
        ZfsCommandException e = ZfsErrors.classify(Command.of("zfs", "load-key", "-L", "prompt", "rpool/secure"), 255,
                Fixtures.read(Fixtures.V21, "zfs-load-key-wrong-passphrase.txt"), null);
        assertEquals(Kind.WRONG_KEY, e.kind());
        assertEquals(255, e.exitCode());
        assertEquals("Key load error: Incorrect key provided for 'rpool/secure'.", e.stderr());
    }

    static Stream<Arguments> libzfsTexts() {
        return Stream.of(
                Arguments.of("cannot create 'tank/vm': pool I/O is currently suspended", Kind.POOL_IO_SUSPENDED,
                        "I/O to pool 'tank' is suspended after device failures; nothing can be read or written. Check the "
                                + "disks (cables, power, `zpool status`), then run `zpool clear tank`."),
                Arguments.of("cannot resume send: 'tank/vm@s2' used in the initial send no longer exists",
                        Kind.RESUME_TOKEN_INVALID, "The interrupted transfer cannot be resumed: "
                                + "'tank/vm@s2' used in the initial send no longer exists. Abort the partial receive on the "
                                + "target (zfs receive -A) and start a fresh send."),
                Arguments.of("cannot resume send: 'tank/vm@s2' is no longer the same snapshot used in the initial send",
                        Kind.RESUME_TOKEN_INVALID, null),
                Arguments.of("cannot resume send: resume token is corrupt (invalid format)", Kind.RESUME_TOKEN_INVALID, null),
                Arguments.of("cannot receive resume stream: kernel modules must be upgraded to receive this stream.",
                        Kind.RESUME_TOKEN_INVALID, null),
                Arguments.of("cannot receive new filesystem stream: destination tank/x contains partially-complete state "
                        + "from \"zfs receive -s\".", Kind.RECEIVE_PARTIAL_STATE, "The target 'tank/x' holds an interrupted "
                        + "transfer. Resume it, or abort it (zfs receive -A tank/x) before sending a new stream."),
                Arguments.of("cannot destroy 'tank/vm': filesystem has children\nuse '-r' to destroy the following datasets:\n"
                        + "tank/vm@a\ntank/vm/disk1", Kind.HAS_CHILDREN, "'tank/vm' has children or snapshots: tank/vm@a, "
                        + "tank/vm/disk1. Destroy recursively (-r) if all of them can go."),
                Arguments.of("cannot create 'tank/v': volume size must be a multiple of volume block size",
                        Kind.INVALID_PROPERTY, null),
                Arguments.of("cannot receive incremental stream: inherited key must be loaded", Kind.KEY_NOT_LOADED, null),
                Arguments.of("cannot hold snapshot 'tank/vm@a': tag already exists on this dataset", Kind.ALREADY_EXISTS, null),
                // seen on the 2.3.2 testbed (fixtures/openzfs-2.3/probe), not in the shared capture:
                Arguments.of("cannot rollback to 'tank/vm@a': clones of previous snapshots exist\nuse '-R' to force deletion "
                        + "of the following clones and dependents:\ntank/vmclone\n", Kind.HAS_DEPENDENT_CLONES,
                        "Rolling back to 'tank/vm@a' would destroy newer snapshots that have clones: tank/vmclone. Roll back "
                                + "with \"also destroy clones\" (-R) if they can go, or promote the clones first (zfs promote)."),
                Arguments.of("Key unload error: 'tank/secure' is busy.\n", Kind.BUSY, "The key of 'tank/secure' cannot be "
                        + "unloaded while it is in use. Unmount its filesystems (zfs unmount) and stop VMs using its volumes, "
                        + "then lock it again."),
                Arguments.of("cannot resume send: 'tank/vm@c' is no longer the same snapshot used in the initial send\n"
                        + "resume token contents:\nnvlist version: 0\n\tobject = 0x1\n\ttoname = tank/vm@c\n",
                        Kind.RESUME_TOKEN_INVALID, "The interrupted transfer cannot be resumed: 'tank/vm@c' is no longer the "
                        + "same snapshot used in the initial send. Abort the partial receive on the target (zfs receive -A) "
                        + "and start a fresh send."),
                Arguments.of("cannot resume send: resume token is corrupt (incorrect checksum)\n", Kind.RESUME_TOKEN_INVALID, null),
                Arguments.of("cannot receive new filesystem stream: destination tank2/part contains partially-complete state "
                        + "from \"zfs receive -s\".\n", Kind.RECEIVE_PARTIAL_STATE, null),
                Arguments.of("cannot promote 'tank/vm': not a cloned filesystem\n", Kind.NOT_A_CLONE,
                        "'tank/vm' is not a clone, so there is nothing to promote."),
                Arguments.of("cannot set property for 'tank/vm': 'volsize' must be a multiple of volume block size (16K)\n",
                        Kind.INVALID_PROPERTY, null),
                Arguments.of("cannot create bookmark 'tank/vm#a': bookmark exists\n", Kind.ALREADY_EXISTS,
                        "'tank/vm#a' already exists. Choose another name."),
                Arguments.of("cannot release hold from snapshot 'tank/vm@a': no such tag on this dataset\n", Kind.DOES_NOT_EXIST,
                        "Snapshot 'tank/vm@a' has no hold with that tag (it may have been released already). Refresh its holds."),
                Arguments.of("cannot open 'tank2/part': dataset does not exist\nusage:\n\treceive [-vMnsFhu] ...\n",
                        Kind.DOES_NOT_EXIST, null),
                Arguments.of("something new and strange", Kind.UNKNOWN,
                        "`zfs send` failed (exit 3): something new and strange See Activity for the full command."));
    }

    @ParameterizedTest
    @MethodSource("libzfsTexts")
    void libzfsTextsAreClassified(String stderr, Kind kind, String message) {
        ZfsCommandException e = ZfsErrors.classify(Command.of("zfs", "send", "tank/vm@s2"), 3, stderr, null);
        if (kind == Kind.HAS_DEPENDENT_CLONES) {
            assertEquals(List.of("tank/vmclone"), e.names());
        }
        assertEquals(kind, e.kind());
        if (message != null) {
            assertEquals(message, e.getMessage());
        }
        assertTrue(e.getMessage().length() > 20);
    }

    @Test
    void aStageWhoseStatusNeverCameBackSaysTheConnectionWasLost() {
        // a pipeline's stage keeps status -1 when the script never reported it (the ssh client or remote shell died)
        ZfsCommandException e = ZfsErrors.classify(Command.of("zfs", "receive", "-s", "tank/vm"), -1, "", null);
        assertEquals(Kind.UNKNOWN, e.kind());
        assertTrue(e.getMessage().startsWith("`zfs receive` ended without reporting its exit status"), e.getMessage());
        assertTrue(e.getMessage().contains("connection"), e.getMessage());
    }

    @Test
    void noActiveScrub() {
        ZfsCommandException e = ZfsErrors.classify(Command.of("zpool", "scrub", "-s", "tank"), 1,
                "cannot cancel scrubbing tank: there is no active scrub\n", null);
        assertEquals(Kind.NO_ACTIVE_SCRUB, e.kind());
        assertEquals("No scrub is running on pool 'tank'; nothing to stop.", e.getMessage());
    }

    private static String[] manifestRow(String version, String file) {
        for (String line : Fixtures.read(version, "MANIFEST.tsv").split("\n")) {
            String[] f = line.split("\t");
            if (f[0].equals(file)) {
                return f;
            }
        }
        throw new AssertionError("not in MANIFEST: " + file);
    }

    /** The last command of the recorded shell line, as argv (fixture names have no spaces). */
    private static Command commandOf(String shell) {
        String last = shell.replaceAll(".*\\| ", "").replace("runuser -u tester -- ", "").replace(" > /dev/null", "");
        return Command.of(Arrays.asList(last.split(" ")));
    }
}
