package dev.sluice.ui.common.dialogs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sluice.host.Command;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

class CommandPlanTest {

    @Test
    void shellTextQuotesArgumentsAndNeverContainsSecretStdin() {
        Command load = Command.of("zfs", "load-key", "-L", "prompt", "tank/my vm")
                .withSecretStdin("hunter2hunter2".getBytes(StandardCharsets.UTF_8));
        CommandPlan plan = CommandPlan.of("t", "s", List.of(Command.of("zfs", "unmount", "tank/my vm"), load));
        assertEquals("zfs unmount 'tank/my vm'\nzfs load-key -L prompt 'tank/my vm'    # reads the passphrase from stdin",
                plan.shellText());
        assertFalse(plan.shellText().contains("hunter2"));
    }

    @Test
    void destructivePlansCarryWhatGoesAndTheAcknowledgement() {
        CommandPlan p = CommandPlan.destructive("Destroy x", "x goes", List.of(Command.of("zfs", "destroy", "-r", "tank/x")),
                List.of("tank/x@a", "tank/x")).withAcknowledgement("I know").withConfirmLabel("Destroy");
        assertTrue(p.destructive());
        assertEquals(List.of("tank/x@a", "tank/x"), p.details());
        assertEquals("I know", p.acknowledgement());
        assertEquals("Destroy", p.confirmLabel());
    }

    @Test
    void passphraseIsWipedOnCloseAndNeverPrinted() {
        char[] chars = "correct horse battery".toCharArray();
        Passphrase p = Passphrase.of(chars);
        assertEquals("Passphrase[hidden]", p.toString());
        byte[] b = p.utf8();
        assertEquals("correct horse battery", new String(b, StandardCharsets.UTF_8));
        p.close();
        assertTrue(p.isWiped());
        for (char c : chars) {
            assertEquals('\0', c);
        }
        assertThrows(IllegalStateException.class, p::utf8);
    }

    @Test
    void declinedActionRunsItsCleanupOnce() {
        int[] runs = {0};
        ConfirmableAction a = new ConfirmableAction(CommandPlan.of("t", "s", List.of()), ctx -> null, "ok")
                .withCleanup(() -> runs[0]++);
        a.decline();
        a.cleanup();
        assertEquals(1, runs[0]);
    }

    @Test
    void newPassphraseRulesAreOpenZfsRules() {
        dev.sluice.ui.common.I18n.setLocale(java.util.Locale.ROOT);
        assertEquals("Too short: OpenZFS needs at least 8 characters.", PassphraseDialog.problemOf("short", "short"));
        assertEquals("The two passphrases differ. Type the same passphrase twice.",
                PassphraseDialog.problemOf("correct horse", "correct horsf"));
        assertEquals("", PassphraseDialog.problemOf("correct horse", "correct horse"));
        assertEquals("", PassphraseDialog.problemOf("x", null), "loading an existing key: any length, zfs decides");
    }
}
