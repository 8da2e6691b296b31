package dev.sluice.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sluice.host.Elevation;
import dev.sluice.host.Host;
import dev.sluice.ui.common.I18n;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Set;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class AddHostViewModelTest {
    private final AddHostViewModel vm = new AddHostViewModel(Set.of("local", "ssh:nas"), p -> p.equals(Path.of("/keys/id_ed25519")));

    @BeforeAll
    static void english() {
        I18n.setLocale(Locale.ENGLISH);
    }

    private String problemFor(String target, String port, String identity) {
        vm.targetProperty().set(target);
        vm.portProperty().set(port);
        vm.identityFileProperty().set(identity);
        return vm.problemProperty().get();
    }

    @Test
    void validHostBecomesAnSshHostWithItsPrivilegeMode() {
        assertEquals("", problemFor("admin@nas2", "2222", "/keys/id_ed25519"));
        vm.elevationProperty().set(Elevation.PKEXEC);
        assertTrue(vm.validProperty().get());
        assertEquals(Host.ssh("admin@nas2", 2222, "/keys/id_ed25519", Elevation.PKEXEC), vm.toHost());
    }

    @Test
    void defaultsAreSudoAndNoPort() {
        assertEquals("", problemFor("[fe80::1%eth0]", "", ""));
        assertEquals(Host.ssh("[fe80::1%eth0]", 0, null, Elevation.SUDO), vm.toHost());
    }

    @Test
    void messagesSayWhatToFix() {
        assertEquals("Enter the SSH target, e.g. admin@nas.", problemFor("  ", "", ""));
        assertEquals("The target must not start with \"-\": ssh would read it as an option.", problemFor("-oProxyCommand=x", "", ""));
        assertEquals("The target may hold a user, @ and a host name or address only: no spaces or shell characters.",
                problemFor("nas; rm -rf /", "", ""));
        assertEquals("The port must be a number from 1 to 65535, or empty for the default.", problemFor("nas2", "70000", ""));
        assertEquals("The port must be a number from 1 to 65535, or empty for the default.", problemFor("nas2", "ssh", ""));
        assertEquals("The key file /nope does not exist or cannot be read.", problemFor("nas2", "22", "/nope"));
        assertEquals("nas is already in the list of hosts.", problemFor("nas", "", ""));
        assertFalse(vm.validProperty().get());
    }
}
