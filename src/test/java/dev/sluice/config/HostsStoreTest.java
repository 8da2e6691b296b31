package dev.sluice.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sluice.host.Elevation;
import dev.sluice.host.Host;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class HostsStoreTest {
    @TempDir
    Path home;

    @Test
    void freshStoreHasOnlyTheLocalHost() {
        HostsStore s = new HostsStore(AppDirs.under(home));
        assertEquals(List.of(Host.local(Elevation.NONE)), s.hosts());
    }

    @Test
    void sshHostsPersistWithTheirPrivilegeMode() {
        AppDirs dirs = AppDirs.under(home);
        HostsStore s = new HostsStore(dirs);
        Host nas = Host.ssh("admin@nas", 2222, "/home/a/.ssh/id_ed25519", Elevation.SUDO);
        s.put(nas);
        s.put(Host.ssh("backup", 0, null, Elevation.PKEXEC));
        s.put(Host.local(Elevation.SUDO));

        HostsStore again = new HostsStore(dirs);
        assertEquals(List.of(Host.local(Elevation.SUDO), nas, Host.ssh("backup", 0, null, Elevation.PKEXEC)), again.hosts());
        assertEquals(nas, again.find("ssh:admin@nas:2222").orElseThrow());
    }

    @Test
    void puttingTheSameHostReplacesIt() {
        HostsStore s = new HostsStore(AppDirs.under(home));
        s.put(Host.ssh("nas", 0, null, Elevation.NONE));
        s.put(Host.ssh("nas", 0, null, Elevation.SUDO));
        assertEquals(2, s.hosts().size());
        assertEquals(Elevation.SUDO, s.hosts().get(1).elevation());
        s.remove("ssh:nas");
        assertEquals(1, s.hosts().size());
    }

    @Test
    void corruptHostsFileWarnsAndIsKept() throws Exception {
        AppDirs dirs = AppDirs.under(home);
        Files.createDirectories(dirs.config());
        Files.writeString(dirs.hostsFile(), "{\"ssh\": [ {\"target\": ");
        HostsStore s = new HostsStore(dirs);
        assertEquals(List.of(Host.local(Elevation.NONE)), s.hosts());
        assertTrue(s.loadWarning().orElseThrow().startsWith("hosts.json could not be read"));
        try (var files = Files.list(dirs.config())) {
            assertTrue(files.anyMatch(p -> p.getFileName().toString().startsWith("hosts.json.corrupt-")));
        }
    }
}
