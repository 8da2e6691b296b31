package dev.sluice.ui.migration;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sluice.migrate.MigrationState;
import dev.sluice.migrate.StepKind;
import dev.sluice.migrate.StepStatus;
import dev.sluice.task.TaskExecutor;
import dev.sluice.ui.common.I18n;
import dev.sluice.ui.migration.MigrationWizardViewModel.Page;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MigrationWizardViewModelTest {
    private static final String ZVOL = "rpool/vboxzones/myvbox";

    @TempDir
    Path dir;
    MigrationTestHost host;

    @BeforeAll
    static void english() {
        I18n.setLocale(Locale.ROOT);
    }

    @BeforeEach
    void host() {
        host = new MigrationTestHost(dir);
    }

    private MigrationWizardViewModel wizard() {
        MigrationWizardViewModel vm = new MigrationWizardViewModel(host.source(), TaskExecutor.direct(), List.of(), null);
        vm.load();
        return vm;
    }

    /** Source → target (tank) → options → review, with the zvol the fixtures hold. */
    private MigrationWizardViewModel toReview(String parent) {
        MigrationWizardViewModel vm = wizard();
        vm.selectedZvolProperty().set(ZVOL);
        vm.next();
        vm.targetPoolProperty().set("tank");
        vm.targetParentProperty().set(parent);
        vm.next();
        vm.next();
        return vm;
    }

    @Test
    void sourcePageListsTheZvolsAndNeedsOne() {
        MigrationWizardViewModel vm = wizard();
        assertEquals(Page.SOURCE, vm.pageProperty().get());
        assertTrue(vm.zvols().contains(ZVOL), vm.zvols().toString());
        assertTrue(vm.zvols().stream().noneMatch(z -> z.equals("tank")), "filesystems are not offered");
        vm.selectedZvolProperty().set(null);
        assertFalse(vm.canNextProperty().get());
        vm.selectedZvolProperty().set(ZVOL);
        assertEquals(List.of(MigrationSource.zvol(ZVOL)), vm.sources());
        assertTrue(vm.canNextProperty().get());
        assertTrue(vm.errorProperty().get().isEmpty());
    }

    @Test
    void targetPageWeighsFreeSpaceAgainstTheEstimateAndExplainsEncryption() {
        MigrationWizardViewModel vm = wizard();
        vm.selectedZvolProperty().set(ZVOL);
        vm.next();
        assertEquals(Page.TARGET, vm.pageProperty().get());
        assertEquals(List.of("rpool", "tank"), vm.pools());
        vm.targetPoolProperty().set("tank");
        assertTrue(vm.parents().containsAll(List.of("tank", "tank/backup", "tank/secure-raw")), vm.parents().toString());
        assertEquals("tank", vm.targetParentProperty().get(), "tank/vboxzones does not exist: the top of the pool");
        // the estimate is the zvol's reservation (262 MiB), larger than its newest snapshot's stream
        assertEquals("354.8 MiB free on the target; the copy needs about 262.0 MiB.", vm.spaceTextProperty().get());
        assertFalse(vm.spaceShortProperty().get());
        assertEquals("The target tank is not encrypted: the zvol is stored unencrypted there.", vm.encryptionTextProperty().get());

        vm.targetParentProperty().set("tank/secure-raw");
        assertEquals("The target tank/secure-raw is encrypted (root tank/secure-raw) and its key is not loaded. "
                + "Load the key first, or choose raw send.", vm.encryptionTextProperty().get());
        vm.rawProperty().set(true);
        assertTrue(vm.encryptionTextProperty().get().startsWith("Raw send of an unencrypted zvol"), vm.encryptionTextProperty().get());
    }

    @Test
    void anEncryptedParentWithItsKeyLoadedGivesTheReceivedZvolItsKey() {
        var parent = new dev.sluice.zfs.Dataset("rpool/secure", dev.sluice.zfs.DatasetType.FILESYSTEM, 0, 1 << 30, 0, -1, -1, "lz4",
                "aes-256-gcm", "rpool/secure", dev.sluice.zfs.KeyStatus.AVAILABLE, "-", "/rpool/secure", true, 0, "1", 1, null, "-");
        assertEquals("The target rpool/secure is encrypted (aes-256-gcm) with its key loaded: the received zvol is encrypted "
                + "with the key of rpool/secure.", TargetFacts.encryption(parent, List.of(), false));
        assertEquals("Only 1.0 GiB free on the target, but the copy needs about 2.0 GiB. Free space there or pick a larger pool.",
                TargetFacts.space(parent, 2L << 30));
    }

    @Test
    void optionsPageRefusesMalformedReceiveProperties() {
        MigrationWizardViewModel vm = wizard();
        vm.selectedZvolProperty().set(ZVOL);
        vm.next();
        vm.targetPoolProperty().set("tank");
        vm.next();
        assertEquals(Page.OPTIONS, vm.pageProperty().get());
        vm.receivePropertiesProperty().set("compression");
        assertEquals("Write properties as name=value, separated by commas, e.g. compression=zstd.", vm.optionsErrorProperty().get());
        assertFalse(vm.canNextProperty().get());
        vm.receivePropertiesProperty().set("compression=zstd, org.example:owner=ops");
        assertTrue(vm.canNextProperty().get());
        assertEquals(Map.of("compression", "zstd", "org.example:owner", "ops"), vm.options().receiveProperties());
    }

    @Test
    void reviewShowsEveryStepWithItsExactCommandsAndNothingRanYet() {
        MigrationWizardViewModel vm = toReview("tank");
        vm.receivePropertiesProperty().set("");
        assertEquals(Page.REVIEW, vm.pageProperty().get());
        assertTrue(vm.refusals().isEmpty(), vm.refusals().toString());
        assertTrue(vm.canRunProperty().get());
        List<StepRow> rows = vm.reviewSteps();
        assertEquals(List.of("1. Final snapshot of the source", "2. Send the zvol with its 4 snapshots",
                "3. Verify: same snapshot guids (the history included) and volsize on both sides"),
                rows.stream().map(StepRow::title).toList());
        String id = vm.plansProperty().get().plans().get(0).id();
        assertEquals(List.of("zfs snapshot " + ZVOL + "@sluice-mig-" + id + "-final"), rows.get(0).commands());
        // the zvol's own snapshots travel too: the oldest in full, then everything up to the migration's snapshot
        assertEquals(List.of("zfs send -vP -c " + ZVOL + "@first | zfs receive -v -s tank/myvbox",
                "zfs send -vP -c -I " + ZVOL + "@first " + ZVOL + "@sluice-mig-" + id + "-final | zfs receive -v -s tank/myvbox"),
                rows.get(1).commands());
        assertTrue(host.runner.ranArgv().stream().noneMatch(a -> a.contains("snapshot") && a.get(1).equals("snapshot")),
                "planning changes nothing");
        assertTrue(host.steps.log.isEmpty());
    }

    @Test
    void refusalsAreShownWithTheirFixesBeforeAnythingChanges() {
        MigrationWizardViewModel vm = toReview("tank/replica");
        assertEquals(List.of("The target name 'tank/replica/myvbox' is taken. Pick another parent, or rename or destroy "
                + "the existing dataset first."), vm.refusals());
        assertFalse(vm.canRunProperty().get());
        assertEquals(null, vm.runPlans());

        vm.back();
        vm.targetParentProperty().set("tank/secure-raw");
        vm.next();
        vm.next();
        assertEquals(List.of("The target parent 'tank/secure-raw' is encrypted and its key is not loaded. Load it first: "
                + "the received zvol inherits the parent's encryption."), vm.refusals());
        assertTrue(host.steps.log.isEmpty());
        assertTrue(host.store.all().isEmpty(), "a refused plan leaves no record");
    }

    @Test
    void theShellScriptHasEveryStepInOrderAndIsValidSh() throws Exception {
        MigrationWizardViewModel vm = toReview("tank");
        String script = vm.shellScript();
        assertTrue(script.startsWith("#!/bin/sh\n"), script);
        List<String> commands = vm.reviewSteps().stream().flatMap(r -> r.commands().stream()).toList();
        int at = 0;
        for (String c : commands) {
            int found = script.indexOf(c + "\n", at);
            assertTrue(found > at, "in order: " + c + "\n" + script);
            at = found;
        }
        assertTrue(script.contains("# Step 2: Send the zvol with its 4 snapshots\n"), script);
        Path file = dir.resolve("plan.sh");
        Files.writeString(file, script, StandardCharsets.UTF_8);
        Process sh = new ProcessBuilder("sh", "-n", file.toString()).redirectErrorStream(true).start();
        String out = new String(sh.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertEquals(0, sh.waitFor(), out);
    }

    @Test
    void runExecutesExactlyTheReviewedPlanAndShowsItsProgress() {
        MigrationWizardViewModel vm = toReview("tank");
        List<String> during = new java.util.ArrayList<>();
        host.steps.hookOn = StepKind.FINAL_SEND;
        host.steps.hook = ctx -> {
            MigrationRunViewModel r = vm.runProperty().get();
            during.add(r.bytesProperty().get() + " | " + r.rateProperty().get() + " | " + r.etaProperty().get());
        };
        MigrationRunViewModel run = vm.runPlans();
        assertEquals(List.of("512.0 MiB of 1.0 GiB | 85.0 MiB/s | 0:06 left"), during);
        assertEquals(Page.PROGRESS, vm.pageProperty().get());
        assertEquals(List.of("do FINAL_SNAPSHOT", "do FINAL_SEND", "do VERIFY"), host.steps.log);
        assertEquals(MigrationState.SUCCEEDED, run.stateProperty().get());
        assertTrue(run.steps().stream().allMatch(s -> s.status() == StepStatus.DONE));
        assertEquals("Done: the zvol is now tank/myvbox, verified.", run.summaryProperty().get());
        assertTrue(run.keptProperty().get().startsWith("Kept on purpose: ") && run.keptProperty().get().contains("tank/myvbox@sluice-mig-"),
                run.keptProperty().get());
        assertEquals("512.0 MiB of 1.0 GiB", run.bytesProperty().get());
        assertEquals("85.0 MiB/s", run.rateProperty().get());
        assertEquals("", run.etaProperty().get(), "no time left to show once done");
        assertEquals("No VM uses this zvol: no downtime.", run.downtimeProperty().get());
        assertEquals(MigrationState.SUCCEEDED, host.store.all().get(0).state(), "the record is kept");
        assertEquals(vm.plansProperty().get().plans().get(0).id(), host.store.all().get(0).id());
    }

    @Test
    void aWizardOpenedForAVmMovesAllItsDisksOneAfterTheOther() {
        List<MigrationSource> disks = List.of(MigrationSource.zvol(ZVOL), MigrationSource.zvol("rpool/vboxzones/myclone"));
        MigrationWizardViewModel vm = new MigrationWizardViewModel(host.source(), TaskExecutor.direct(), disks, "tank");
        vm.load();
        assertTrue(vm.fixedSources());
        vm.next();
        assertEquals("tank", vm.targetParentProperty().get());
        vm.next();
        vm.next();
        assertEquals(2, vm.plansProperty().get().plans().size());
        assertEquals("rpool/vboxzones/myclone · 1. Final snapshot of the source", vm.reviewSteps().get(3).title());
        host.steps.failOn.add(StepKind.VERIFY);
        MigrationRunViewModel run = vm.runPlans();
        assertEquals(List.of("do FINAL_SNAPSHOT", "do FINAL_SEND", "do VERIFY", "undo VERIFY", "undo FINAL_SEND", "undo FINAL_SNAPSHOT"),
                host.steps.log, "the first disk failed and was rolled back; the second never started");
        assertEquals(MigrationState.ROLLED_BACK, run.stateProperty().get());
        assertTrue(run.steps().stream().filter(s -> s.plan() == 1).allMatch(s -> s.status() == StepStatus.PENDING));
    }

    /** A second host, "nas-b", with the same pools: the wizard switches its target lists and plans across. */
    /** "nas-b", a second host with the same pools, as the app's migration source offers it. */
    private MigrationTools.Source toNasB(MigrationTestHost other) {
        // zpool get -Hp -o property,value all POOL: the capture's property and value columns
        StringBuilder props = new StringBuilder();
        for (String line : dev.sluice.ui.common.testing.ScriptedZfs.fixture(dev.sluice.ui.common.testing.ScriptedZfs.V23,
                "zpool-get-Hp-all-rpool.txt").split("\n")) {
            String[] f = line.split("\t");
            props.append(f[1]).append('\t').append(f[2]).append('\n');
        }
        other.runner.onPrefix("zpool", "get").stdout(props.toString());
        host.runner.onPrefix("zfs", "get", "-Hp", "-o", "name,property,value,source", "volblocksize,compression,encryption").stdout(
                ZVOL + "\tvolblocksize\t16384\tdefault\n" + ZVOL + "\tcompression\tlz4\tinherited from rpool\n"
                        + ZVOL + "\tencryption\toff\tdefault\n");
        dev.sluice.migrate.MigrationTarget to = new dev.sluice.migrate.MigrationTarget("ssh:nas-b", "nas-b", other.zfs,
                dev.sluice.host.StreamRoute.onHost(other.runner), "The stream is relayed through this machine.");
        MigrationTools.Source source = new MigrationTools.Source() {
            @Override
            public MigrationTools open() {
                return host.tools();
            }

            @Override
            public List<MigrationTools.TargetHost> otherHosts() {
                return List.of(new MigrationTools.TargetHost("ssh:nas-b", "nas-b"));
            }

            @Override
            public MigrationTools openTo(String hostId, java.util.Optional<dev.sluice.host.SshHop> hop) {
                assertEquals("ssh:nas-b", hostId);
                MigrationTools here = host.tools();
                return new MigrationTools(here.hostId(), here.zfs(), here.guests(), here.actions(), here.store(), here.users(), to);
            }
        };
        return source;
    }

    @Test
    void anotherHostListsItsOwnPoolsAndThePlanCrossesToIt() {
        MigrationTestHost other = new MigrationTestHost(dir.resolve("b"));
        MigrationTools.Source source = toNasB(other);
        MigrationWizardViewModel vm = new MigrationWizardViewModel(source, TaskExecutor.direct(), List.of(), null, "ssh:nas-b");
        vm.load();
        assertEquals(2, vm.targetHosts().size());
        assertEquals("ssh:nas-b", vm.targetHostProperty().get().id(), "the host the menu chose is preset");
        assertEquals("The stream is relayed through this machine.", vm.routeTextProperty().get());
        assertEquals(List.of("rpool", "tank"), vm.pools());
        vm.selectedZvolProperty().set(ZVOL);
        vm.next();
        vm.targetPoolProperty().set("tank");
        vm.targetParentProperty().set("tank");
        vm.next();
        vm.next();
        assertEquals(Page.REVIEW, vm.pageProperty().get());
        assertTrue(vm.refusals().isEmpty(), vm.refusals().toString());
        // the same pool name is fine on another host; the review shows how the stream goes there
        String send = vm.reviewSteps().stream().map(r -> r.commands().toString()).filter(c -> c.contains("zfs send"))
                .findFirst().orElseThrow();
        assertTrue(send.contains("relayed through this machine"), send);
        assertTrue(other.runner.ranArgv().stream().anyMatch(a -> a.size() > 2 && a.subList(0, 2).equals(List.of("zpool", "get"))),
                "the target host's pool features were read");
    }

    /** "Move to ▸ On nas-b ▸ tank" in a menu: one click plans the move across, under the target host's own datasets. */
    @Test
    void oneClickToAPoolOnAnotherHostPlansAcross() {
        MigrationTestHost other = new MigrationTestHost(dir.resolve("b"));
        MigrationTools.Source source = toNasB(other);
        OneClickMoveViewModel vm = new OneClickMoveViewModel(source, TaskExecutor.direct(), List.of(MigrationSource.zvol(ZVOL)),
                "ssh:nas-b", "tank");
        vm.plan(() -> { });
        assertEquals("", vm.errorProperty().get());
        assertEquals("tank", vm.targetParentProperty().get());
        dev.sluice.migrate.MigrationRecord r = vm.plansProperty().get().plans().get(0);
        assertTrue(r.steps().stream().anyMatch(st -> "ssh:nas-b".equals(st.params().get(dev.sluice.migrate.MigrationPlanner.TARGET_HOST))),
                "the plan goes to nas-b");
        assertTrue(other.runner.ranArgv().stream().anyMatch(a -> a.size() > 1 && a.get(0).equals("zfs") && a.get(1).equals("list")),
                "the parent was looked up on nas-b");
    }
}
