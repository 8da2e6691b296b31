package dev.sluice.it;

import dev.sluice.host.Command;
import dev.sluice.host.CommandException;
import dev.sluice.host.CommandJournal;
import dev.sluice.host.CommandRunner;
import dev.sluice.host.Elevation;
import dev.sluice.host.Host;
import dev.sluice.host.OutputListener;
import dev.sluice.host.RunningCommand;
import dev.sluice.host.RunningPipeline;
import dev.sluice.host.Runners;
import dev.sluice.guest.GuestHost;
import dev.sluice.guest.GuestHosts;
import dev.sluice.migrate.MigrationStore;
import dev.sluice.testbed.Testbed;
import dev.sluice.ui.migration.MigrationTools;
import dev.sluice.vbox.testing.FakeVBoxManage;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/**
 * How a Sluice process of the fault matrix reaches the testbed: the app's own SSH runner to the guest, the
 * app's {@link GuestHosts} and {@link MigrationTools#of} factories, records under {@code <home>/state}. The
 * VirtualBox world adds the VBoxManage double, its state kept in a file so that it outlives a killed process.
 */
final class MatrixWorld {
    static final String SRC = "mfrom/vm/disk0";
    static final String DST = "mto/vm/disk0";
    static final String SRC_DEV = "/dev/zvol/" + SRC;
    static final String DST_DEV = "/dev/zvol/" + DST;
    static final String VMDK = "/vms/web/disk0.vmdk";
    static final String VBOX_VERSION = "7.0.14r161095";
    /** The testbed's QEMU guest has no OS: it never answers ACPI, so it is quit after this. */
    static final Duration SHUTDOWN = Duration.ofSeconds(2);

    enum Kind { QEMU, VBOX }

    final Kind kind;
    final Path home;
    final CommandRunner ssh;
    final CommandRunner runner;

    MatrixWorld(Kind kind, int port, String keyFile, Path home) {
        this.kind = kind;
        this.home = home;
        this.ssh = Runners.forHost(Host.ssh("root@127.0.0.1", port, keyFile, Elevation.NONE), new CommandJournal(),
                Testbed.SSH_OPTIONS);
        this.runner = kind == Kind.QEMU ? ssh : new RoutedRunner(ssh, new FileBackedVBox(home.resolve("vbox.json")), this::syncDevices);
    }

    Path state() {
        return home.resolve("state");
    }

    Path config() {
        return home.resolve("config");
    }

    MigrationStore store() {
        return MigrationStore.under(state());
    }

    private GuestHost host;

    /** The app's guest services for this host, opened once per process (as the app's caching GuestHosts does). */
    synchronized GuestHost host() throws CommandException {
        if (host == null) {
            host = GuestHosts.caching(config()).open(runner);
        }
        return host;
    }

    /** The tools exactly as {@code SluiceApp.migrations} makes them for a host (a shorter ACPI wait aside). */
    MigrationTools tools() throws CommandException {
        return MigrationTools.of(runner.host().id(), host(), store(), SHUTDOWN);
    }

    private void syncDevices() {
        FileBackedVBox f = new FileBackedVBox(home.resolve("vbox.json"));
        f.update(fake -> {
            for (String dev : List.of(SRC_DEV, DST_DEV)) {
                try {
                    if (ssh.runAllowingFailure(Command.of("test", "-b", dev)).ok()) {
                        fake.addDevice(dev, 64L << 20);
                    } else if (fake.exists(dev)) {
                        fake.removeFile(dev);
                    }
                } catch (CommandException e) {
                    throw new IllegalStateException(e);
                }
            }
        });
    }

    /** The VBoxManage double whose state is read from and written back to a file around every command. */
    static final class FileBackedVBox implements CommandRunner {
        private final Path file;

        FileBackedVBox(Path file) {
            this.file = file;
        }

        synchronized void update(java.util.function.Consumer<FakeVBoxManage> change) {
            FakeVBoxManage fake = load();
            change.accept(fake);
            save(fake);
        }

        FakeVBoxManage load() {
            FakeVBoxManage fake = new FakeVBoxManage(VBOX_VERSION);
            try {
                if (Files.exists(file)) {
                    fake.restore(Files.readString(file));
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            return fake;
        }

        void save(FakeVBoxManage fake) {
            try {
                Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
                Files.writeString(tmp, fake.stateJson());
                Files.move(tmp, file, java.nio.file.StandardCopyOption.REPLACE_EXISTING, java.nio.file.StandardCopyOption.ATOMIC_MOVE);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        @Override
        public Host host() {
            return Host.local(Elevation.NONE);
        }

        @Override
        public synchronized RunningCommand start(Command c, OutputListener listener) {
            FakeVBoxManage fake = load();
            RunningCommand r = fake.start(c, listener);
            save(fake);
            return r;
        }

        @Override
        public RunningPipeline startPipeline(List<Command> stages, List<OutputListener> listeners) {
            throw new UnsupportedOperationException("no pipelines in VBoxManage");
        }
    }
}
