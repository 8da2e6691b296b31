package dev.sluice.ui.volumes;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sluice.task.TaskExecutor;
import dev.sluice.testbed.Testbed;
import dev.sluice.testbed.TestbedExtension;
import dev.sluice.ui.common.ActionRunner;
import dev.sluice.ui.common.I18n;
import dev.sluice.ui.common.Notifications;
import dev.sluice.ui.common.dialogs.ConfirmableAction;
import dev.sluice.ui.common.dialogs.Passphrase;
import dev.sluice.ui.common.testing.RecordingNotifications;
import dev.sluice.zfs.KeyStatus;
import dev.sluice.zfs.ZfsService;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The Volumes actions against real OpenZFS 2.3 in the testbed guest, through the ViewModel exactly as
 * the view drives it: create (thin and encrypted), grow, unload/load key (wrong then right
 * passphrase, on stdin), destroy with the -nvp preview.
 */
@Tag("testbed")
@ExtendWith(TestbedExtension.class)
class VolumesTestbedTest {
    private static final String PASS = "correct horse battery";

    @Test
    void createGrowKeysAndDestroyOnRealZfs(Testbed tb) throws Exception {
        I18n.setLocale(Locale.ROOT);
        tb.freshPool("vtest", 4);
        RecordingNotifications notes = new RecordingNotifications();
        VolumesViewModel vm = new VolumesViewModel(new ZfsService(tb.runner()), new ActionRunner(TaskExecutor.direct(), notes));
        vm.refresh();
        assertNotNull(vm.find("vtest"));

        CreateZvolForm form = vm.newZvolForm();
        form.parentProperty().set("vtest");
        form.nameProperty().set("vm1");
        form.sizeProperty().set("64M");
        assertTrue(form.validProperty().get());
        vm.perform(vm.createZvol(form, null).orElseThrow());
        assertEquals(Notifications.Kind.SUCCESS, notes.last().kind(), notes.all().toString());
        assertEquals(64L << 20, vm.find("vtest/vm1").dataset().volsize());
        assertEquals(0, vm.find("vtest/vm1").dataset().refreservation(), "thin: nothing reserved");

        vm.perform(vm.resize(vm.find("vtest/vm1"), "128M").orElseThrow());
        assertEquals(128L << 20, vm.find("vtest/vm1").dataset().volsize());

        CreateZvolForm enc = vm.newZvolForm();
        enc.parentProperty().set("vtest");
        enc.nameProperty().set("vault");
        enc.sizeProperty().set("32M");
        enc.encryptionProperty().set(CreateZvolForm.Encryption.NEW_PASSPHRASE);
        vm.perform(vm.createZvol(enc, Passphrase.of(PASS.toCharArray())).orElseThrow());
        DatasetRow vault = vm.find("vtest/vault");
        assertEquals(KeyStatus.AVAILABLE, vault.dataset().keyStatus(), notes.all().toString());
        assertTrue(vault.canUnloadKey());

        vm.perform(vm.unloadKey(vault).orElseThrow());
        assertEquals(KeyStatus.UNAVAILABLE, vm.find("vtest/vault").dataset().keyStatus(), notes.all().toString());

        vm.perform(vm.loadKey(vm.find("vtest/vault"), Passphrase.of("not the passphrase".toCharArray())).orElseThrow());
        assertEquals(Notifications.Kind.ERROR, notes.last().kind());
        assertTrue(notes.last().text().contains("is wrong"), notes.last().text());
        vm.perform(vm.loadKey(vm.find("vtest/vault"), Passphrase.of(PASS.toCharArray())).orElseThrow());
        assertEquals(KeyStatus.AVAILABLE, vm.find("vtest/vault").dataset().keyStatus(), notes.all().toString());

        tb.sh("zfs snapshot vtest/vm1@before && zfs snapshot vtest/vm1@after");
        AtomicReference<ConfirmableAction> preview = new AtomicReference<>();
        vm.prepareDestroy(vm.find("vtest/vm1"), preview::set);
        assertEquals("zfs destroy -r vtest/vm1", preview.get().plan().shellText(), notes.all().toString());
        assertEquals(List.of("vtest/vm1@before", "vtest/vm1@after", "vtest/vm1"), preview.get().plan().details());
        assertEquals("vtest/vm1", tb.sh("zfs list -Ho name vtest/vm1").strip(), "the preview destroyed nothing");
        vm.perform(preview.get());
        assertNull(vm.find("vtest/vm1"));
        tb.runner().run(dev.sluice.host.Command.of("zpool", "destroy", "vtest"));
    }
}
