package dev.sluice.ui.volumes;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sluice.zfs.HostOs;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Element;

/** Issue 15's snippets: the device path udev really makes, and the raw-block settings people get wrong. */
class ZvolSnippetsTest {
    private static final String ZVOL = "tank/vm disks/web 1";
    private static final String DEVICE = HostOs.LINUX.zvolDevicePath(ZVOL);

    @Test
    void libvirtDiskIsABlockDiskOnTheUdevPathWithoutCache() throws Exception {
        String xml = ZvolSnippets.libvirtDisk(ZVOL, DEVICE, "vdb");
        Element disk = DocumentBuilderFactory.newInstance().newDocumentBuilder()
                .parse(new ByteArrayInputStream(xml.getBytes(StandardCharsets.UTF_8))).getDocumentElement();
        assertEquals("disk", disk.getTagName());
        assertEquals("block", disk.getAttribute("type"));
        assertEquals("disk", disk.getAttribute("device"));
        Element driver = (Element) disk.getElementsByTagName("driver").item(0);
        assertEquals("raw", driver.getAttribute("type"));
        assertEquals("none", driver.getAttribute("cache"));
        assertEquals("native", driver.getAttribute("io"));
        Element source = (Element) disk.getElementsByTagName("source").item(0);
        assertEquals("/dev/zvol/tank/vm+disks/web+1", source.getAttribute("dev"), "udev's link: spaces are +");
        Element target = (Element) disk.getElementsByTagName("target").item(0);
        assertEquals("vdb", target.getAttribute("dev"));
        assertEquals("virtio", target.getAttribute("bus"));
    }

    @Test
    void microVmVolumeIsTheRawDeviceNeitherMountedNorCreated() {
        String nix = ZvolSnippets.microVmVolume(ZVOL, DEVICE, 256L * 1024 * 1024);
        assertTrue(nix.contains("image = \"/dev/zvol/tank/vm+disks/web+1\";"), nix);
        assertTrue(nix.contains("mountPoint = null;"), nix);
        assertTrue(nix.contains("autoCreate = false;"), nix);
        assertTrue(nix.contains("size = 256;"), nix);
    }

    @Test
    void stringsAreEscapedForTheirLanguage() {
        assertEquals("a&apos;b&amp;c&lt;", ZvolSnippets.xmlAttr("a'b&c<"));
        assertEquals("a\\\"b\\${c}\\\\", ZvolSnippets.nixString("a\"b${c}\\"));
    }
}
