package dev.sluice.migrate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sluice.migrate.MigrationEngineTest.Ctx;
import dev.sluice.qemu.preflight.PathProbe;
import dev.sluice.qemu.preflight.Preflight;
import dev.sluice.vbox.VBoxService;
import dev.sluice.vbox.VBoxVersion;
import dev.sluice.vbox.testing.FakeVBoxManage;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A VirtualBox migration whose Sluice was killed (kill -9) right after it detached the disk, then resumed from
 * the start-up dialog: the detach runs again on a slot that is already empty and a medium already closed, and
 * must find its work done instead of failing (which used to roll the whole migration back).
 */
class VBoxGuestResumeTest {
    static final String SRC_DEV = "/dev/zvol/mfrom/vm/disk0";
    static final String DST_DEV = "/dev/zvol/mto/vm/disk0";
    static final String VMDK = "/vms/web/disk0.vmdk";

    @TempDir
    Path dir;

    private final FakeVBoxManage fake = new FakeVBoxManage("7.0.14r161095");
    private VBoxService vbox;
    private String uuid;

    private VBoxGuest guest() throws Exception {
        fake.addVm("web").controller("SATA", "IntelAhci", 4);
        fake.addDevice(SRC_DEV, 64L << 20);
        fake.addDevice(DST_DEV, 64L << 20);
        vbox = new VBoxService(fake, new Preflight(new PathProbe(fake), d -> Optional.empty(), p -> 0), d -> { });
        uuid = vbox.listVms().get(0).uuid();
        vbox.createRawVmdk(VMDK, SRC_DEV);
        vbox.attachDisk(uuid, "SATA", 0, 0, VMDK, true);
        return new VBoxGuest(vbox, vbox.version(), uuid, "web", "SATA", 0, 0, VMDK, Duration.ofSeconds(1));
    }

    private List<String> slotMedia() throws Exception {
        return vbox.vm(uuid).attachments().stream()
                .filter(a -> a.controller().equals("SATA") && a.port() == 0 && a.device() == 0 && a.mediumPath() != null)
                .map(dev.sluice.vbox.StorageAttachment::mediumPath).toList();
    }

    private boolean registered(String path) throws Exception {
        return vbox.hardDisks().stream().anyMatch(m -> m.location().equals(path));
    }

    private List<String> storageCommands() {
        return fake.ranArgv().stream().filter(a -> a.size() > 1 && (a.get(1).equals("storageattach") || a.get(1).equals("closemedium")))
                .map(a -> String.join(" ", a.subList(1, a.size()))).toList();
    }

    @Test
    void aDetachRunAgainAfterItsWorkWasDoneFindsItDone() throws Exception {
        VBoxGuest g = guest();
        g.detach(SRC_DEV);
        assertEquals(List.of(), slotMedia());
        assertFalse(registered(VMDK));
        int before = storageCommands().size();

        g.detach(SRC_DEV); // the resumed step

        assertEquals(before, storageCommands().size(), "nothing left to detach or close: " + storageCommands());
        assertEquals(List.of(), slotMedia());
    }

    @Test
    void aDetachKilledBetweenDetachAndCloseClosesTheMediumWhenRunAgain() throws Exception {
        VBoxGuest g = guest();
        vbox.detach(uuid, "SATA", 0, 0, false); // killed right after this

        g.detach(SRC_DEV);

        assertEquals(List.of(), slotMedia());
        assertFalse(registered(VMDK), "the detached raw VMDK is closed on the second run");
        assertTrue(fake.exists(SRC_DEV), "the zvol's device is untouched");
    }

    @Test
    void aMigrationKilledAtDetachDiskThenResumedFinishesOnTheTarget() throws Exception {
        VBoxGuest g = guest();
        vbox.start(uuid);
        // the guest-side steps for real (the VBoxManage double), the ZFS steps as no-ops
        ZvolMigrationActions real = new ZvolMigrationActions(null, ref -> g);
        List<String> ran = new ArrayList<>();
        StepActions actions = new StepActions() {
            @Override
            public void execute(MigrationStep step, MigrationRecord r, StepContext ctx) throws Exception {
                ran.add("do " + step.kind());
                switch (step.kind()) {
                    case STOP_GUEST, DETACH_DISK, REPOINT_DISK, START_GUEST -> real.execute(step, r, ctx);
                    default -> { }
                }
            }

            @Override
            public void undo(MigrationStep step, MigrationRecord r, StepContext ctx) throws Exception {
                ran.add("undo " + step.kind());
                switch (step.kind()) {
                    case STOP_GUEST, DETACH_DISK, REPOINT_DISK, START_GUEST -> real.undo(step, r, ctx);
                    default -> { }
                }
            }
        };
        StepKind[] kinds = {StepKind.PRESEED_SNAPSHOT, StepKind.PRESEED_SEND, StepKind.STOP_GUEST, StepKind.DETACH_DISK,
                StepKind.FINAL_SNAPSHOT, StepKind.FINAL_SEND, StepKind.VERIFY, StepKind.REPOINT_DISK, StepKind.START_GUEST,
                StepKind.CLEAN_UP};
        List<MigrationStep> steps = new ArrayList<>();
        for (int i = 0; i < kinds.length; i++) {
            steps.add(MigrationStep.planned(i, kinds[i], kinds[i].name(),
                    Map.of("sourceDevice", SRC_DEV, "targetDevice", DST_DEV), List.of()));
        }
        MigrationRecord plan = new MigrationRecord("m1", "local", Instant.now(), "mfrom/vm/disk0", "mto/vm/disk0",
                MigrationOptions.safeDefaults(), new GuestRef(GuestRef.Hypervisor.VIRTUALBOX, uuid, "web",
                VBoxGuest.slot("SATA", 0, 0), VMDK, true), MigrationState.PLANNED, steps, null, null, "");

        // the first Sluice: pre-seed, guest stopped, disk detached, then kill -9 while DETACH_DISK is still RUNNING
        vbox.powerOff(uuid);
        g.detach(SRC_DEV);
        StepStatus d = StepStatus.DONE;
        MigrationRecord cut = plan;
        StepStatus[] statuses = {d, d, d, StepStatus.RUNNING};
        for (int i = 0; i < statuses.length; i++) {
            cut = cut.withStep(cut.steps().get(i).with(statuses[i], ""));
        }
        cut = cut.withState(MigrationState.INTERRUPTED, "");
        assertEquals(List.of(MigrationRecovery.Offer.RESUME, MigrationRecovery.Offer.ROLL_BACK), MigrationRecovery.offers(cut));

        // the next start resumes it
        MigrationStore store = new MigrationStore(dir);
        store.save(cut);
        Migration m = new Migration(store.claim(cut.id()), store);
        MigrationState end = new MigrationEngine(actions, (s, p) -> { }).run(m, new Ctx());

        assertEquals(MigrationState.SUCCEEDED, end, m.record().error() + "\n" + ran);
        assertFalse(ran.stream().anyMatch(s -> s.startsWith("undo")), ran.toString());
        assertEquals(List.of(VMDK), slotMedia());
        assertEquals(Optional.of(DST_DEV), vbox.readDescriptor(VMDK).flatMap(dev.sluice.vbox.RawVmdkDescriptor::device));
        assertTrue(vbox.vm(uuid).state().isOnline(), "the guest runs again, on the target");
    }
}
