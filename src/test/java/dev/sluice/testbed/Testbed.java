package dev.sluice.testbed;

import dev.sluice.host.Command;
import dev.sluice.host.CommandException;
import dev.sluice.host.CommandJournal;
import dev.sluice.host.CommandResult;
import dev.sluice.host.CommandRunner;
import dev.sluice.host.Elevation;
import dev.sluice.host.Host;
import dev.sluice.host.ProcessCommandRunner;
import dev.sluice.host.Runners;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * A running guest with real OpenZFS, reached through Sluice's own SSH transport. Tests get it
 * from {@link TestbedExtension}; one guest per {@link Channel} serves the whole test JVM.
 *
 * <p>Tests share the guest, so each test class starts from {@link #freshPool}: it destroys whatever
 * pool sits on the disks it is given and creates a new one there. The guest has four empty 2 GiB
 * disks, {@code /dev/disk/by-id/virtio-tb-disk1..4}; the root user runs everything, and the user
 * {@code tester} (no ZFS rights, NOPASSWD sudo) is there for permission errors and sudo elevation.
 */
public final class Testbed implements AutoCloseable {

    /** The ssh options for a throwaway guest whose host key changes every boot. */
    public static final List<String> SSH_OPTIONS = List.of("-o", "StrictHostKeyChecking=no", "-o",
            "UserKnownHostsFile=/dev/null", "-o", "IdentitiesOnly=yes", "-o", "LogLevel=ERROR");
    public static final int DISKS = 4;
    private static final Duration SHELL_LIMIT = Duration.ofMinutes(5);

    private final GuestMachine machine;
    private final CommandJournal journal = new CommandJournal();
    private final List<ProcessCommandRunner> runners = new java.util.concurrent.CopyOnWriteArrayList<>();
    private final CommandRunner root;
    private final String zfsVersion;

    Testbed(GuestMachine machine) throws CommandException {
        this.machine = machine;
        this.root = runnerAs("root", Elevation.NONE);
        this.zfsVersion = sh("zfs version | head -n 1").strip();
        // the image has no key for tester; give it root's, and a NOPASSWD sudo rule for Elevation.SUDO
        sh("install -d -m 700 -o tester -g tester ~tester/.ssh"
                + " && install -m 600 -o tester -g tester /root/.ssh/authorized_keys ~tester/.ssh/authorized_keys"
                + " && echo 'tester ALL=(ALL) NOPASSWD: ALL' > /etc/sudoers.d/tester && chmod 440 /etc/sudoers.d/tester");
    }

    /**
     * Boots a guest outside JUnit, for benchmark runners; it is stopped when the JVM exits.
     * Tests get theirs from {@link TestbedExtension} instead, shared across classes.
     */
    public static Testbed start(Channel channel) throws Exception {
        return new Testbed(GuestMachine.boot(channel));
    }

    public Channel channel() {
        return machine.channel();
    }

    /** Runs as root on the guest: what an admin with a root login (or working delegation) gets. */
    public CommandRunner runner() {
        return root;
    }

    /** Logs in as {@code user} (root or tester) with the given elevation. */
    public CommandRunner runnerAs(String user, Elevation elevation) {
        Host host = Host.ssh(user + "@127.0.0.1", machine.port(), machine.keyFile(), elevation);
        ProcessCommandRunner runner = Runners.forHost(host, journal, SSH_OPTIONS);
        runners.add(runner);
        return runner;
    }

    /**
     * Where the guests of this JVM reach {@code channel}'s guest's sshd (port 22): a guestfwd of start.sh's
     * {@code -g}, the only address of the restricted network that leads anywhere but the guest itself.
     */
    public static String peerAddress(Channel channel) {
        return "10.0.2." + (100 + channel.ordinal());
    }

    /** The forwarded SSH port on 127.0.0.1, as an admin types it in "Add SSH host". */
    public int sshPort() {
        return machine.port();
    }

    /** The private key that logs in as root (and tester). */
    public String keyFile() {
        return machine.keyFile();
    }

    /** Every command the testbed runners ran, for tests that check what reached the host. */
    public CommandJournal journal() {
        return journal;
    }

    /** e.g. {@code zfs-2.3.2-2~bpo12+2}: the userland line of {@code zfs version}. */
    public String zfsVersion() {
        return zfsVersion;
    }

    public boolean isZfs21() {
        return channel() == Channel.BOOKWORM;
    }

    public Duration bootTime() {
        return machine.bootTime();
    }

    public String accel() {
        return machine.accel();
    }

    /** The guest's stable path of extra disk {@code index} (1..4). */
    public static String disk(int index) {
        if (index < 1 || index > DISKS) {
            throw new IllegalArgumentException("the testbed has disks 1.." + DISKS + ", not " + index);
        }
        return "/dev/disk/by-id/virtio-tb-disk" + index;
    }

    /**
     * Destroys any pool on these disks (and any pool already called {@code name}), then creates
     * {@code name} striped over them. Returns the pool name.
     */
    public String freshPool(String name, int... disks) throws CommandException {
        return createOn(name, List.of(), List.of(), disks);
    }

    /** Like {@link #freshPool}, with {@code zpool create} options before the name (e.g. {@code -d} for no features). */
    public String freshPoolWith(String name, List<String> options, int... disks) throws CommandException {
        return createOn(name, options, List.of(), disks);
    }

    /** Like {@link #freshPool}, as one mirror vdev of the given disks. */
    public String freshMirror(String name, int... disks) throws CommandException {
        return createOn(name, List.of(), List.of("mirror"), disks);
    }

    private String createOn(String name, List<String> options, List<String> layout, int... disks) throws CommandException {
        if (disks.length == 0) {
            throw new IllegalArgumentException("a pool needs at least one disk");
        }
        List<String> create = new ArrayList<>(List.of("zpool", "create", "-f"));
        create.addAll(options);
        create.add(name);
        create.addAll(layout);
        StringBuilder script = new StringBuilder(destroyPoolScript(name));
        for (int d : disks) {
            create.add(disk(d));
            // zpool status -P names the partition ZFS made on the whole disk: virtio-tb-diskN-part1
            // read line by line: pool names may hold spaces
            script.append("zpool list -Ho name | while IFS= read -r p; do if zpool status -P \"$p\" | grep -Eq 'virtio-tb-disk")
                    .append(d).append("(-part[0-9]+)?[[:space:]]'; then zpool destroy -f \"$p\"; fi; done; ")
                    .append("wipefs -aq ").append(disk(d)).append("-part* ").append(disk(d)).append(" 2>/dev/null || true; ");
        }
        sh(script.toString());
        root.run(Command.of(create).withTimeout(SHELL_LIMIT));
        return name;
    }

    /**
     * A pool on a sparse file in the guest's root file system: for tiny pools (out of space) and
     * for more pools than there are disks. {@code size} as truncate(1) takes it, at least 64M.
     */
    public String freshFilePool(String name, String size) throws CommandException {
        String file = "/var/tmp/sluice-pools/" + name + ".img";
        sh(destroyPoolScript(name) + "mkdir -p /var/tmp/sluice-pools && rm -f " + file + " && truncate -s " + size + " " + file);
        root.run(Command.of("zpool", "create", "-f", name, file).withTimeout(SHELL_LIMIT));
        return name;
    }

    /** Destroys every imported pool: a clean slate. */
    public void destroyAllPools() throws CommandException {
        sh("zpool list -Ho name | while IFS= read -r p; do zpool destroy -f \"$p\"; done");
    }

    private static String destroyPoolScript(String name) {
        return "if zpool list -Ho name " + q(name) + " >/dev/null 2>&1; then zpool destroy -f " + q(name) + "; fi; ";
    }

    /**
     * Test-side shell on the guest (set-up, data checks). Product code never builds shell
     * strings; tests may, to prepare the world they observe. Fails on a non-zero exit.
     */
    public String sh(String script) throws CommandException {
        return root.run(Command.of("sh", "-c", script).withTimeout(SHELL_LIMIT)).stdout();
    }

    /**
     * Whether the guest still runs a command within {@code limit} (over the open SSH connection, so a healthy guest
     * answers in a fraction of a second). A guest that stopped answering (out of memory, a hung kernel) does not.
     */
    boolean answers(Duration limit) {
        try {
            root.run(Command.of("true").withTimeout(limit));
            return true;
        } catch (CommandException e) {
            return false;
        }
    }

    /** Writes {@code content} to {@code path} in the guest (through stdin) with file mode {@code mode}. */
    public void put(byte[] content, String path, String mode) throws CommandException {
        root.run(Command.of("sh", "-c", "cat > \"$1\" && chmod \"$2\" \"$1\"", "put", path, mode).withStdin(content)
                .withTimeout(SHELL_LIMIT));
    }

    /** Like {@link #sh} but returns the result whatever the exit code. */
    public CommandResult shAllowingFailure(String script) throws CommandException {
        return root.runAllowingFailure(Command.of("sh", "-c", script).withTimeout(SHELL_LIMIT));
    }

    /**
     * Writes {@code mib} MiB of random bytes to a block device (a zvol) and returns their sha256.
     * The bytes are kept in a file first, so the checksum is of what was meant to be written.
     */
    public String writeRandom(String device, int mib) throws CommandException {
        waitForDevice(device);
        String tmp = "/var/tmp/sluice-data.bin";
        return sh("dd if=/dev/urandom of=" + tmp + " bs=1M count=" + mib + " status=none"
                + " && dd if=" + tmp + " of=" + q(device) + " bs=1M oflag=direct conv=fsync status=none"
                + " && sha256sum " + tmp + " | cut -d' ' -f1 && rm -f " + tmp).strip();
    }

    /** sha256 of the first {@code mib} MiB of a device, read past the page cache. */
    public String sha256(String device, int mib) throws CommandException {
        waitForDevice(device);
        return sh("dd if=" + q(device) + " bs=1M count=" + mib + " iflag=direct status=none | sha256sum | cut -d' ' -f1").strip();
    }

    /** udev makes /dev/zvol links asynchronously after create, clone, receive and rollback. */
    public void waitForDevice(String device) throws CommandException {
        sh("udevadm settle; i=0; until [ -e " + q(device) + " ]; do i=$((i+1)); [ $i -gt 300 ] && exit 1; sleep 0.1; done");
    }

    /** An open handle on the guest, as a running VM keeps on its disk. */
    public interface OpenHandle extends AutoCloseable {
        @Override
        void close() throws CommandException;
    }

    /**
     * Keeps {@code path} (a zvol device, or a file in a mounted filesystem) open on the guest until
     * closed: a detached {@code sleep} holding the file on fd 3, so the ssh session returns at once.
     */
    public OpenHandle holdOpen(String path) throws CommandException {
        waitForDevice(path);
        String pid = sh("setsid sleep 900 3<" + q(path) + " >/dev/null 2>&1 </dev/null & echo $!").strip();
        return () -> sh("kill " + pid + " 2>/dev/null; while kill -0 " + pid + " 2>/dev/null; do sleep 0.1; done");
    }

    public static String zvolDevice(String zvolName) {
        return dev.sluice.zfs.HostOs.LINUX.zvolDevicePath(zvolName);
    }

    public static String q(String s) {
        return dev.sluice.host.ShellQuote.quote(s);
    }

    /** Ends the runners' shared ssh connections; the guest itself is stopped by the extension. */
    @Override
    public void close() {
        for (ProcessCommandRunner r : runners) {
            r.close();
        }
        runners.clear();
    }

    @Override
    public String toString() {
        return "Testbed[" + channel() + ", " + zfsVersion + ", port " + machine.port() + "]";
    }
}
