package dev.sluice.zfs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sluice.host.Command;
import dev.sluice.host.testing.ScriptedRunner;
import dev.sluice.task.Progress;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** send | receive through the pipeline primitive: commands, progress from send -vP, errors, resume. */
class SendReceiveTest {
    static final String TOKEN = Fixtures.read(Fixtures.V23, "receive-resume-token-value.txt").strip();

    static List<String> sendStderr() {
        List<String> lines = new ArrayList<>(Fixtures.read(Fixtures.V23, "zfs-send-nvP-full.txt").lines().toList());
        lines.add("10:20:01\t10000000\trpool/vboxzones/myvbox@first");
        lines.add("10:20:02\t30000000\trpool/vboxzones/myvbox@first");
        lines.add("10:20:03\t51063200\trpool/vboxzones/myvbox@first");
        return lines;
    }

    @Test
    void commandsAreShownBeforeRunning() throws Exception {
        SendReceive sr = new ZfsService(new ScriptedRunner()).sendReceive(
                SendSpec.incremental("tank/vm@a", "tank/vm@b").withRaw().withCompressed().withLargeBlocks(),
                ReceiveSpec.into("backup/vm copy").withNoMount().withProperty("readonly", "on").excluding("mountpoint"));
        assertEquals(List.of("zfs", "send", "-vP", "-w", "-c", "-L", "-i", "tank/vm@a", "tank/vm@b"), sr.commands().get(0).argv());
        assertEquals(List.of("zfs", "receive", "-v", "-s", "-u", "-o", "readonly=on", "-x", "mountpoint", "backup/vm copy"),
                sr.commands().get(1).argv());
        assertEquals("zfs send -vP -w -c -L -i tank/vm@a tank/vm@b | zfs receive -v -s -u -o readonly=on -x mountpoint 'backup/vm copy'",
                sr.toShell());
        assertTrue(sr.commands().stream().allMatch(c -> c.needsRoot() && !c.hasTimeout()));
        SendReceive rep = new ZfsService(new ScriptedRunner()).sendReceive(
                SendSpec.withIntermediates("@first", "rpool/vboxzones@daily-1").withReplicate(), ReceiveSpec.into("tank/replica").withForce().notResumable());
        assertEquals(List.of("zfs", "send", "-vP", "-R", "-I", "@first", "rpool/vboxzones@daily-1"), rep.commands().get(0).argv());
        assertEquals(List.of("zfs", "receive", "-v", "-F", "tank/replica"), rep.commands().get(1).argv());
    }

    @Test
    void estimateCommand() throws Exception {
        ScriptedRunner r = new ScriptedRunner().on("zfs", "send", "-nvP", "rpool/vboxzones/myvbox@first")
                .stdout(Fixtures.read(Fixtures.V21, "zfs-send-nvP-full.txt"));
        assertEquals(51772680, new ZfsService(r).sendEstimate(SendSpec.full("rpool/vboxzones/myvbox@first")).totalBytes());
    }

    @Test
    void progressComesFromSendStderr() throws Exception {
        ScriptedRunner r = new ScriptedRunner()
                .onPrefix("zfs", "send").progress(sendStderr(), "")
                .onPrefix("zfs", "receive").ok();
        List<Progress> seen = new ArrayList<>();
        SendReceive.Result res = new ZfsService(r).sendReceive(SendSpec.full("rpool/vboxzones/myvbox@first"),
                ReceiveSpec.into("tank/backup/myvbox")).run(seen::add);
        assertEquals(51063200, res.bytes());
        Progress firstBytes = seen.stream().filter(p -> p.done() > 0).findFirst().orElseThrow();
        assertEquals(10000000, firstBytes.done());
        assertEquals(51063200, firstBytes.total());
        assertEquals("Sending rpool/vboxzones/myvbox@first", firstBytes.message());
        assertEquals(1.0, seen.get(seen.size() - 1).fraction());
        assertEquals(2, res.stages().size());
    }

    @Test
    void repeatedIncrementalIsReportedAsNothingNew() throws Exception {
        for (String v : List.of(Fixtures.V23, Fixtures.V21)) {
            ScriptedRunner r = new ScriptedRunner().onPrefix("zfs", "send").ok().onPrefix("zfs", "receive")
                    .stdout(Fixtures.read(v, "zfs-receive-incremental-snapshot-already-there.txt"));
            SendReceive.Result res = new ZfsService(r).sendReceive(SendSpec.incremental("@first", "rpool/vboxzones/myvbox@second"),
                    ReceiveSpec.into("tank/backup/myvbox")).run(p -> { });
            assertTrue(res.nothingNew());
            assertEquals(List.of("tank/backup/myvbox@second"), res.skipped());
        }
        List<String> received = new ArrayList<>();
        List<String> skipped = new ArrayList<>();
        SendReceive.readReceiveLog(Fixtures.read(Fixtures.V21, "zfs-send-receive-replicate-R.txt"), received, skipped);
        assertEquals(List.of("tank/replica@daily-1", "tank/replica/myvbox@first", "tank/replica/myvbox@second",
                "tank/replica/myvbox@daily-1", "tank/replica/files@daily-1"), received);
        assertTrue(skipped.isEmpty());
    }

    @Test
    void receiveErrorWinsOverTheBrokenSend() {
        ScriptedRunner r = new ScriptedRunner()
                .onPrefix("zfs", "send").fail(1, "10:20:01\t100\ttank/vm@b\nwarning: cannot send 'tank/vm@b': signal received\n")
                .onPrefix("zfs", "receive").fail(1, Fixtures.read(Fixtures.V23, "zfs-receive-incremental-target-has-newer-snapshot.txt"));
        ZfsCommandException e = assertThrows(ZfsCommandException.class, () -> new ZfsService(r)
                .sendReceive(SendSpec.incremental("@a", "tank/vm@b"), ReceiveSpec.into("tank/backup/myvbox")).run(p -> { }));
        assertEquals(ZfsException.Kind.RECEIVE_TARGET_MODIFIED, e.kind());
    }

    @Test
    void sendErrorIsUsedWhenTheReceiveOnlySawAnEmptyStream() {
        ScriptedRunner r = new ScriptedRunner()
                .onPrefix("zfs", "send").fail(1, Fixtures.read(Fixtures.V23, "zfs-send-key-not-loaded.txt"))
                .onPrefix("zfs", "receive").fail(1, "cannot receive: failed to read from stream\n");
        ZfsCommandException e = assertThrows(ZfsCommandException.class, () -> new ZfsService(r)
                .sendReceive(SendSpec.full("rpool/secure@s2"), ReceiveSpec.into("tank/plain")).run(p -> { }));
        assertEquals(ZfsException.Kind.KEY_NOT_LOADED, e.kind());
        assertEquals("zfs", e.command().program());
    }

    @Test
    void interruptedResumableReceiveCarriesToken() {
        ScriptedRunner r = new ScriptedRunner()
                .onPrefix("zfs", "send").ok()
                .onPrefix("zfs", "receive").fail(1, Fixtures.read(Fixtures.V23, "zfs-receive-s-interrupted.txt"));
        ZfsCommandException e = assertThrows(ZfsCommandException.class, () -> new ZfsService(r)
                .sendReceive(SendSpec.full("rpool/vboxzones/myvbox@second"), ReceiveSpec.into("tank/resume/myvbox")).run(p -> { }));
        assertEquals(ZfsException.Kind.RECEIVE_INTERRUPTED, e.kind());
        assertEquals(TOKEN, e.resumeToken().orElseThrow());
    }

    static ScriptedRunner withToken() {
        return new ScriptedRunner()
                .on("zfs", "get", "-Hp", "-o", "name,property,value,source", "receive_resume_token", "tank/resume/myvbox")
                .stdout(Fixtures.read(Fixtures.V23, "zfs-get-receive-resume-token.txt"));
    }

    @Test
    void resumeChecksTheTokenThenSendsWithIt() throws Exception {
        ScriptedRunner r = withToken()
                .on("zfs", "send", "-nvP", "-t", TOKEN).stdout(Fixtures.read(Fixtures.V23, "zfs-send-nvP-resume-token.txt"));
        SendReceive sr = new ZfsService(r).resumeReceive(ReceiveSpec.into("tank/resume/myvbox").notResumable());
        assertEquals(List.of("zfs", "send", "-vP", "-t", TOKEN), sr.commands().get(0).argv());
        assertEquals(List.of("zfs", "receive", "-v", "-s", "tank/resume/myvbox"), sr.commands().get(1).argv(),
                "a resumed receive stays resumable");
    }

    @Test
    void staleTokenIsTypedAndNothingIsAborted() {
        ScriptedRunner r = withToken().on("zfs", "send", "-nvP", "-t", TOKEN)
                .fail(255, "cannot resume send: 'rpool/vboxzones/myvbox@second' used in the initial send no longer exists\n")
                .onPrefix("zfs", "receive").ok();
        ZfsCommandException e = assertThrows(ZfsCommandException.class,
                () -> new ZfsService(r).resumeReceive(ReceiveSpec.into("tank/resume/myvbox")));
        assertEquals(ZfsException.Kind.RESUME_TOKEN_INVALID, e.kind());
        assertEquals("The interrupted transfer into 'tank/resume/myvbox' cannot be resumed: "
                + "'rpool/vboxzones/myvbox@second' used in the initial send no longer exists. Sluice can discard the partial "
                + "data (zfs receive -A tank/resume/myvbox) and send again from the start, if you confirm.", e.getMessage());
        assertFalse(r.ranArgv().stream().anyMatch(a -> a.contains("-A")));
    }

    @Test
    void noTokenMeansNothingToResume() {
        ScriptedRunner r = new ScriptedRunner().onPrefix("zfs", "get").stdout("tank/x\treceive_resume_token\t-\t-\n");
        assertEquals(ZfsException.Kind.NO_RESUME_TOKEN, assertThrows(ZfsException.class,
                () -> new ZfsService(r).resumeReceive(ReceiveSpec.into("tank/x"))).kind());
    }

    @Test
    void freshSendAbortsThePartialReceiveOnlyWhenAsked() throws Exception {
        String cols = String.join(",", ZfsListParser.DATASET_COLUMNS);
        ScriptedRunner r = withToken()
                .on("zfs", "list", "-Hp", "-o", cols, "tank/resume/myvbox").stdout(ZfsServiceTest.volumeLine("tank/resume/myvbox", 268435456, 0))
                .on("zfs", "receive", "-A", "tank/resume/myvbox").ok();
        ZfsService s = new ZfsService(r);
        SendSpec fresh = SendSpec.full("rpool/vboxzones/myvbox@second");
        ZfsCommandException e = assertThrows(ZfsCommandException.class,
                () -> s.restartReceive(fresh, ReceiveSpec.into("tank/resume/myvbox"), false));
        assertEquals(ZfsException.Kind.RECEIVE_PARTIAL_STATE, e.kind());
        assertFalse(r.ranArgv().stream().anyMatch(a -> a.contains("-A")));
        SendReceive sr = s.restartReceive(fresh, ReceiveSpec.into("tank/resume/myvbox"), true);
        assertTrue(r.ranArgv().contains(List.of("zfs", "receive", "-A", "tank/resume/myvbox")));
        assertEquals(List.of("zfs", "send", "-vP", "rpool/vboxzones/myvbox@second"), sr.commands().get(0).argv());
    }

    @Test
    void malformedTokenIsRefusedBeforeRunning() {
        assertThrows(InvalidZfsNameException.class, () -> ZfsCommands.send(SendSpec.resume("-R tank")));
        assertThrows(InvalidZfsNameException.class, () -> ZfsCommands.send(SendSpec.resume("1-abc def")));
    }

    @Test
    void progressLinesAreStrippedFromSendErrors() {
        assertEquals("warning: cannot send 'a@b': signal received\n",
                SendReceive.sendErrorText("full\ta@b\t100\nsize\t100\n10:00:01\t50\ta@b\nwarning: cannot send 'a@b': signal received"));
        assertTrue(new ZfsService(new ScriptedRunner()).runner() != null);
        assertEquals(Command.class, ZfsCommands.version().getClass());
    }
}
