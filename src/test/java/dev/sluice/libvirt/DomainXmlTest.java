package dev.sluice.libvirt;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

class DomainXmlTest {

    static String fixture(String name) {
        try (InputStream in = DomainXmlTest.class.getResourceAsStream("/fixtures/libvirt-9.0/" + name)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException | NullPointerException e) {
            throw new AssertionError("fixture " + name, e);
        }
    }

    /** A hand-written definition with what libvirt keeps verbatim: another namespace, metadata, a network disk. */
    private static final String ODD = """
            <domain type='kvm' xmlns:qemu='http://libvirt.org/schemas/domain/qemu/1.0'>
              <name>db &amp; cache</name>
              <uuid>5c1a3e0e-7d0c-4f5e-9b8a-0d3f6a1b2c3d</uuid>
              <metadata><app:note xmlns:app='urn:example'>keep me</app:note></metadata>
              <memory unit='GiB'>2</memory>
              <vcpu placement='static'>4</vcpu>
              <devices>
                <emulator>/usr/bin/qemu-system-x86_64</emulator>
                <disk type='block' device='disk'>
                  <driver name='qemu' type='raw' cache='none' io='native'/>
                  <source dev='/dev/zvol/tank/vm/db+disk'/>
                  <backingStore/>
                  <target dev='vda' bus='virtio'/>
                </disk>
                <disk type='network' device='disk'>
                  <source protocol='rbd' name='pool/image'/>
                  <target dev='vdb' bus='virtio'/>
                </disk>
                <disk type='volume' device='disk'>
                  <source pool='default' volume='data.qcow2'/>
                  <target dev='vdc' bus='virtio'/>
                </disk>
                <disk type='block' device='lun'>
                  <source dev='/dev/sdb'/>
                  <target dev='sda' bus='scsi'/>
                </disk>
              </devices>
              <qemu:commandline><qemu:arg value='-no-hpet'/></qemu:commandline>
            </domain>
            """;

    @Test
    void readsEveryDiskKindWithWhatBacksIt() throws Exception {
        LibvirtDomain d = DomainXml.parse(ODD);
        assertEquals("db & cache", d.name());
        assertEquals("kvm", d.domainType());
        assertEquals(2L * 1024 * 1024, d.memoryKiB());
        assertEquals(4, d.vcpus());
        List<LibvirtDisk> disks = d.disks();
        assertEquals(4, disks.size());
        assertEquals("/dev/zvol/tank/vm/db+disk", disks.get(0).hostPath());
        assertEquals(LibvirtDisk.SourceType.NETWORK, disks.get(1).type());
        assertNull(disks.get(1).hostPath(), "a network disk is not a host path");
        assertEquals("rbd:pool/image", disks.get(1).source());
        assertEquals("default/data.qcow2", disks.get(2).source());
        assertTrue(disks.get(3).isDisk(), "a LUN is a disk");
        assertEquals("/dev/sdb", disks.get(3).hostPath());
    }

    @Test
    void repointChangesOnlyThatSource() throws Exception {
        String out = DomainXml.repoint(ODD, "vda", "/dev/zvol/tank/vm/db+disk", "/dev/zvol/fast/vm/db+disk");
        assertEquals("/dev/zvol/fast/vm/db+disk", DomainXml.blockSource(out, "vda"));
        LibvirtDomain before = DomainXml.parse(ODD);
        LibvirtDomain after = DomainXml.parse(out);
        assertEquals(before.disks().subList(1, 4), after.disks().subList(1, 4));
        assertEquals(before.name(), after.name());
        assertTrue(out.contains("keep me") && out.contains("qemu:commandline") && out.contains("-no-hpet"), out);
        // and back: the same document again
        String back = DomainXml.repoint(out, "vda", "/dev/zvol/fast/vm/db+disk", "/dev/zvol/tank/vm/db+disk");
        assertEquals(DomainXml.parse(ODD), DomainXml.parse(back));
    }

    @Test
    void aDefinitionChangedMeanwhileIsRefusedNotOverwritten() {
        LibvirtException e = assertThrows(LibvirtException.class,
                () -> DomainXml.repoint(ODD, "vda", "/dev/zvol/other/disk", "/dev/zvol/fast/vm/db+disk"));
        assertEquals(LibvirtException.Kind.DEFINITION_CHANGED, e.kind());
        assertTrue(e.getMessage().contains("/dev/zvol/tank/vm/db+disk"), e.getMessage());
        LibvirtException none = assertThrows(LibvirtException.class, () -> DomainXml.repoint(ODD, "vdz", "/a", "/b"));
        assertEquals(LibvirtException.Kind.DEFINITION_CHANGED, none.kind());
    }

    @Test
    void aDoctypeIsRefused() {
        String evil = "<?xml version='1.0'?><!DOCTYPE d [<!ENTITY x SYSTEM 'file:///etc/shadow'>]><domain><name>&x;</name></domain>";
        LibvirtException e = assertThrows(LibvirtException.class, () -> DomainXml.parse(evil));
        assertEquals(LibvirtException.Kind.UNEXPECTED, e.kind());
    }

    @Test
    void memoryUnits() {
        assertEquals(65536, DomainXml.kib("64", "MiB"));
        assertEquals(1048576, DomainXml.kib("1073741824", "b"));
        assertEquals(65536, DomainXml.kib("65536", null));
    }
}
