package dev.sluice.ui.common;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.sluice.host.Command;
import dev.sluice.host.CommandException;
import dev.sluice.host.ToolHints;
import java.util.Locale;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** "Not installed" banners (VirtualBox, QEMU, ZFS) follow the UI's language, with the same install hints. */
class UserMessagesTest {

    @AfterEach
    void english() {
        I18n.setLocale(Locale.ENGLISH);
    }

    @Test
    void notInstalledIsTheDomainTextInEnglish() {
        I18n.setLocale(Locale.ENGLISH);
        var e = new CommandException.NotInstalled(Command.of("VBoxManage", "list", "vms"), "VBoxManage", "vmhost");
        assertEquals(e.getMessage(), UserMessages.of(e));
        var q = new CommandException.NotInstalled(Command.of("/usr/bin/qemu-img", "info"), "/usr/bin/qemu-img", "vmhost");
        assertEquals("/usr/bin/qemu-img is not installed on vmhost. " + ToolHints.installHint("qemu-img"), UserMessages.of(q));
    }

    @Test
    void notInstalledIsChineseInTheChineseUi() {
        I18n.setLocale(Locale.SIMPLIFIED_CHINESE);
        var e = new CommandException.NotInstalled(Command.of("VBoxManage", "list", "vms"), "VBoxManage", "vmhost");
        assertEquals("vmhost 上未安装 VBoxManage。从 virtualbox.org 或发行版安装 VirtualBox（`apt install virtualbox`），"
                + "并确保 VBoxManage 在 PATH 中。", UserMessages.of(e));
        var other = new CommandException.NotInstalled(Command.of("mbuffer"), "mbuffer", "vmhost");
        assertEquals("vmhost 上未安装 mbuffer。请安装它，或检查它是否在此主机的 PATH 中。", UserMessages.of(other));
        // the command layer names the local host in English; the Chinese UI says 本机
        var local = new CommandException.NotInstalled(Command.of("zpool"), "zpool",
                dev.sluice.host.Host.local(dev.sluice.host.Elevation.NONE).displayName());
        assertEquals(true, UserMessages.of(local).startsWith("本机 上未安装 zpool"), UserMessages.of(local));
    }
}
