package dev.sluice.migrate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sluice.host.testing.ScriptedRunner;
import dev.sluice.libvirt.DomainXml;
import dev.sluice.libvirt.LibvirtService;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A libvirt guest defined on the target host from the source's persistent definition (real virsh 9.0 outputs):
 * one disk re-pointed, defined on stdin, read back; undefined again only while it still points at the moved zvol.
 */
class VirshLandingTest {
    private static final String OLD = "/dev/zvol/cap/vm/web disk";
    private static final String NEW = "/dev/zvol/far/vm/web disk";

    static String fixture(String name) {
        try (java.io.InputStream in = VirshLandingTest.class.getResourceAsStream("/fixtures/libvirt-9.0/" + name)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (java.io.IOException | NullPointerException e) {
            throw new AssertionError("fixture " + name, e);
        }
    }

    ScriptedRunner here;
    ScriptedRunner there;
    /** What the target's libvirt holds: null when it has no such guest. */
    final AtomicReference<String> defined = new AtomicReference<>();
    final List<String> undefined = new ArrayList<>();
    String uuid;

    @BeforeEach
    void hosts() throws Exception {
        String xml = fixture("dumpxml-inactive-web.xml");
        uuid = DomainXml.parse(xml).uuid();
        here = new ScriptedRunner();
        here.when(a -> a.contains("dumpxml") && a.contains("--inactive")).answer(c -> new ScriptedRunner.Answer(0, xml, "", List.of(), null));
        there = new ScriptedRunner();
        there.when(a -> a.contains("dumpxml")).answer(c -> defined.get() == null
                ? new ScriptedRunner.Answer(1, "", fixture("dumpxml-not-found.stderr"), List.of(), null)
                : new ScriptedRunner.Answer(0, defined.get(), "", List.of(), null));
        there.when(a -> a.contains("define")).answer(c -> {
            defined.set(new String(c.stdin(), StandardCharsets.UTF_8));
            return new ScriptedRunner.Answer(0, "", "", List.of(), null);
        });
        there.when(a -> a.contains("undefine")).answer(c -> {
            undefined.add(String.join(" ", c.argv()));
            defined.set(null);
            return new ScriptedRunner.Answer(0, "", "", List.of(), null);
        });
        there.when(a -> a.contains("domstats")).answer(c -> new ScriptedRunner.Answer(0, fixture("domstats-state-shutoff.txt"), "", List.of(), null));
    }

    private VirshLanding landing() {
        return new VirshLanding(new LibvirtService(here, null, d -> { }), new LibvirtService(there, null, d -> { }), uuid, "web 1",
                "vda", OLD.replace(" ", "+"), "far-host", Duration.ofSeconds(3));
    }

    @Test
    void theSourcesDefinitionLandsThereWithOnlyItsDiskRepointed() throws Exception {
        VirshLanding l = landing();
        assertFalse(l.landed());
        l.land(NEW);
        assertTrue(l.landed());
        assertEquals(NEW, DomainXml.blockSource(defined.get(), "vda"));
        assertEquals("/dev/zvol/cap/vm/data", DomainXml.blockSource(defined.get(), "sdb"), "the other disks stay as they were");
        assertEquals(uuid, DomainXml.parse(defined.get()).uuid(), "same guest, same UUID");
        assertTrue(here.ranArgv().stream().noneMatch(a -> a.contains("define")), "nothing is defined on the source");
        l.land(NEW); // resumed: already there, nothing runs again
        assertEquals(1, there.ranArgv().stream().filter(a -> a.contains("define")).count());
    }

    @Test
    void aRollBackUndefinesOnlyWhatTheMoveDefined() throws Exception {
        VirshLanding l = landing();
        l.land(NEW);
        l.unland(NEW);
        assertEquals(1, undefined.size());
        assertTrue(undefined.get(0).contains("--keep-nvram") && !undefined.get(0).contains("storage"), undefined.get(0));
        // a guest of that UUID there pointing elsewhere is not ours: it stays
        defined.set(fixture("dumpxml-inactive-web.xml"));
        assertThrows(IllegalStateException.class, () -> l.unland(NEW));
        assertThrows(IllegalStateException.class, () -> l.land(NEW), "and is not overwritten either");
        assertEquals(1, undefined.size());
    }
}
