package dev.sluice.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sluice.host.CommandJournal;
import dev.sluice.testbed.Testbed;
import dev.sluice.testbed.TestbedExtension;
import dev.sluice.zfs.Dataset;
import dev.sluice.zfs.KeyStatus;
import dev.sluice.zfs.ReceiveSpec;
import dev.sluice.zfs.SendSpec;
import dev.sluice.zfs.ZfsCommandException;
import dev.sluice.zfs.ZfsException;
import dev.sluice.zfs.ZfsService;
import dev.sluice.zfs.Zvol;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Encrypted zvols: a passphrase that only ever travels on stdin, raw ({@code -w})
 * full and incremental sends that arrive still encrypted and readable once the key is loaded,
 * and the key errors (not loaded, wrong passphrase) provoked for real.
 */
@Tag("testbed")
@ExtendWith(TestbedExtension.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class EncryptedSendContract {
    private static final String PASSPHRASE = "correct horse battery staple";
    private static final int MIB = 8;

    Testbed tb;
    ZfsService zfs;
    final List<CommandJournal.Entry> journal = new CopyOnWriteArrayList<>();

    @BeforeAll
    void freshPools(Testbed testbed) throws Exception {
        tb = testbed;
        tb.freshPool("vault", 1);
        tb.freshPool("offsite", 2);
        zfs = new ZfsService(tb.runner());
        tb.journal().addListener(journal::add);
    }

    @Test
    void rawSendKeepsTheZvolEncryptedAndTheBytesIntactThroughFullAndIncremental() throws Exception {
        zfs.createEncryptedDataset("vault/secure", PASSPHRASE.toCharArray(), Map.of());
        Zvol vol = zfs.createZvol("vault/secure/disk", "16M", false, null, Map.of());
        Dataset created = zfs.dataset("vault/secure/disk").orElseThrow();
        assertTrue(created.isEncrypted());
        assertEquals("vault/secure", created.encryptionRoot());
        String first = tb.writeRandom(vol.devicePath(), MIB);
        zfs.snapshot(List.of("vault/secure/disk@monday"));

        zfs.sendReceive(SendSpec.full("vault/secure/disk@monday").withRaw(), ReceiveSpec.into("offsite/disk")).run(p -> { });
        Dataset copy = zfs.dataset("offsite/disk").orElseThrow();
        assertTrue(copy.isEncrypted(), "a raw stream stays encrypted");
        assertEquals(KeyStatus.UNAVAILABLE, copy.keyStatus());
        assertFalse(tb.shAllowingFailure("udevadm settle; test -e /dev/zvol/offsite/disk").ok(),
                "no device for a zvol whose key is not loaded");

        String second = tb.writeRandom(vol.devicePath(), MIB);
        assertNotEquals(first, second);
        zfs.snapshot(List.of("vault/secure/disk@tuesday"));
        zfs.sendReceive(SendSpec.incremental("vault/secure/disk@monday", "vault/secure/disk@tuesday").withRaw(),
                ReceiveSpec.into("offsite/disk")).run(p -> { });

        ZfsCommandException wrong = assertThrows(ZfsCommandException.class,
                () -> zfs.loadKey("offsite/disk", "not the passphrase".toCharArray()));
        assertEquals(ZfsException.Kind.WRONG_KEY, wrong.kind(), wrong.getMessage());

        zfs.loadKey("offsite/disk", PASSPHRASE.toCharArray());
        assertEquals(KeyStatus.AVAILABLE, zfs.dataset("offsite/disk").orElseThrow().keyStatus());
        assertEquals(second, tb.sha256("/dev/zvol/offsite/disk", MIB));

        ZfsCommandException twice = assertThrows(ZfsCommandException.class,
                () -> zfs.loadKey("offsite/disk", PASSPHRASE.toCharArray()));
        assertEquals(ZfsException.Kind.KEY_ALREADY_LOADED, twice.kind(), twice.getMessage());

        assertPassphraseNeverLeftStdin();
    }

    @Test
    void aLockedDatasetSendsOnlyRawAndSaysKeyNotLoadedOtherwise() throws Exception {
        zfs.createEncryptedDataset("vault/locked", PASSPHRASE.toCharArray(), Map.of());
        zfs.createZvol("vault/locked/disk", "16M", true, null, Map.of());
        zfs.snapshot(List.of("vault/locked/disk@s"));
        // unload-key refuses a mounted encryption root with "Key unload error: 'vault/locked' is busy."
        tb.runner().run(dev.sluice.host.Command.of("zfs", "unmount", "vault/locked"));
        zfs.unloadKey("vault/locked");
        assertEquals(KeyStatus.UNAVAILABLE, zfs.dataset("vault/locked/disk").orElseThrow().keyStatus());

        ZfsCommandException e = assertThrows(ZfsCommandException.class, () ->
                zfs.sendReceive(SendSpec.full("vault/locked/disk@s"), ReceiveSpec.into("offsite/plain")).run(p -> { }));
        assertEquals(ZfsException.Kind.KEY_NOT_LOADED, e.kind(), e.getMessage());
        assertTrue(e.getMessage().contains("vault/locked"), e.getMessage());

        zfs.sendReceive(SendSpec.full("vault/locked/disk@s").withRaw(), ReceiveSpec.into("offsite/locked")).run(p -> { });
        assertTrue(zfs.dataset("offsite/locked").orElseThrow().isEncrypted());

        zfs.loadKey("vault/locked", PASSPHRASE.toCharArray());
        assertEquals(KeyStatus.AVAILABLE, zfs.dataset("vault/locked/disk").orElseThrow().keyStatus());
        assertPassphraseNeverLeftStdin();
    }

    @Test
    void aShortPassphraseIsRefusedBeforeAnythingRuns() {
        int before = journal.size();
        ZfsException e = assertThrows(ZfsException.class,
                () -> zfs.createEncryptedDataset("vault/short", "short".toCharArray(), Map.of()));
        assertEquals(ZfsException.Kind.PASSPHRASE_TOO_SHORT, e.kind(), e.getMessage());
        assertEquals(before, journal.size(), "nothing ran");
    }

    private void assertPassphraseNeverLeftStdin() {
        assertFalse(journal.isEmpty());
        for (CommandJournal.Entry entry : journal) {
            assertFalse(entry.shellLine().contains("horse"), entry.shellLine());
            assertFalse(entry.stderr().contains("horse"), entry.stderr());
        }
        assertTrue(journal.stream().anyMatch(en -> en.stdinSecret() && en.shellLine().contains("load-key")));
    }
}
