package dev.sluice.bench;

import dev.sluice.host.ProcessCommandRunner;
import dev.sluice.host.StreamRoute;
import dev.sluice.testbed.Channel;
import dev.sluice.testbed.Testbed;
import dev.sluice.zfs.ReceiveSpec;
import dev.sluice.zfs.SendSpec;
import dev.sluice.zfs.ZfsCommands;
import dev.sluice.zfs.ZfsService;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * A zvol moved from the OpenZFS 2.3 testbed guest to the 2.1 one: Sluice's relayed route ({@link StreamRoute#relayed},
 * two ssh clients joined by an OS pipe on this machine, progress read live from {@code send -vP}) against the plain
 * shell {@code ssh A zfs send … | ssh B zfs receive …} with the very same zfs argv, rounds alternating
 * (Sluice, shell, shell, Sluice, …) in one run, the target destroyed before each round. Reports each round's
 * throughput and the ratio of the medians.
 *
 * <pre>
 * ./mvnw -q -Dsluice.setup.skip=true test-compile exec:java -Dexec.classpathScope=test \
 *     -Dexec.mainClass=dev.sluice.bench.CrossHostBenchmark [-Dexec.args="MIB ROUNDS"]
 * </pre>
 * Attaches to running guests with {@code SLUICE_TESTBED_ATTACH_BACKPORTS}/{@code _BOOKWORM}, else boots both.
 */
public final class CrossHostBenchmark {
    private CrossHostBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        int mib = args.length > 0 ? Integer.parseInt(args[0]) : 2048;
        int rounds = args.length > 1 ? Integer.parseInt(args[1]) : 4;
        Testbed a = Testbed.start(Channel.BACKPORTS);
        Testbed b = Testbed.start(Channel.BOOKWORM);
        System.out.printf(Locale.ROOT, "source %s, target %s (%s)%n", a.zfsVersion(), b.zfsVersion(), a.accel());
        a.freshPool("hbsrc", 3, 4);
        b.freshPool("hbdst", 3, 4);
        a.sh("zfs set compression=off hbsrc");
        b.sh("zfs set compression=off hbdst");
        ZfsService za = new ZfsService(a.runner());
        ZfsService zb = new ZfsService(b.runner());
        za.createZvol("hbsrc/vol", mib + "M", true, null, Map.of());
        a.waitForDevice("/dev/zvol/hbsrc/vol");
        long t0 = System.nanoTime();
        a.sh("dd if=/dev/urandom of=/dev/zvol/hbsrc/vol bs=1M count=" + mib + " oflag=direct status=none");
        System.out.printf(Locale.ROOT, "wrote %d MiB of random data in %.1f s%n", mib, (System.nanoTime() - t0) / 1e9);
        za.snapshot(List.of("hbsrc/vol@bench"));
        ProcessCommandRunner from = (ProcessCommandRunner) a.runner();
        ProcessCommandRunner to = (ProcessCommandRunner) b.runner();
        // the route as the app picks it (RouteChoice: the direct probe, then the wire tools both ends have)
        dev.sluice.migrate.RouteChoice.Chosen chosen = dev.sluice.migrate.RouteChoice.choose(from, to, java.util.Optional.empty());
        System.out.println("route: " + chosen.note());
        StreamRoute route = chosen.route();
        SendSpec send = SendSpec.full("hbsrc/vol@bench");
        ReceiveSpec recv = ReceiveSpec.into("hbdst/vol");
        // the shell's line: the same two zfs argv, each through the same ssh options and key as Sluice's runners
        String shell = route.shell(ZfsCommands.send(send), ZfsCommands.receive(recv))
                .replace("ssh -p " + a.sshPort(), sshOpts(a)).replace("ssh -p " + b.sshPort(), sshOpts(b));
        System.out.println("shell: " + shell);
        List<Double> sluice = new ArrayList<>();
        List<Double> plain = new ArrayList<>();
        double gib = mib / 1024.0;
        for (int i = 0; i < rounds; i++) {
            boolean sluiceFirst = i % 2 == 0;
            for (int k = 0; k < 2; k++) {
                boolean isSluice = (k == 0) == sluiceFirst;
                b.sh("zfs destroy -r hbdst/vol 2>/dev/null; true");
                long s = System.nanoTime();
                if (isSluice) {
                    za.sendReceive(send, recv, route).run(p -> { });
                } else {
                    new ProcessBuilder("sh", "-c", shell).redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD)
                            .start().waitFor();
                    if (zb.dataset("hbdst/vol").isEmpty()) {
                        throw new IllegalStateException("the shell pipeline received nothing");
                    }
                }
                double secs = (System.nanoTime() - s) / 1e9;
                double mibs = mib / secs;
                (isSluice ? sluice : plain).add(mibs);
                System.out.printf(Locale.ROOT, "round %d %-6s %.1f s  %.1f MiB/s%n", i + 1, isSluice ? "sluice" : "shell", secs, mibs);
            }
        }
        double ms = median(sluice);
        double mp = median(plain);
        System.out.printf(Locale.ROOT, "%.2f GiB, %d rounds: Sluice median %.1f MiB/s, shell median %.1f MiB/s, ratio %.3f%n",
                gib, rounds, ms, mp, ms / mp);
        System.exit(0);
    }

    private static String sshOpts(Testbed t) {
        return "ssh -o StrictHostKeyChecking=no -o UserKnownHostsFile=/dev/null -o IdentitiesOnly=yes -o LogLevel=ERROR -i "
                + t.keyFile() + " -p " + t.sshPort();
    }

    private static double median(List<Double> v) {
        List<Double> s = new ArrayList<>(v);
        s.sort(Double::compare);
        int n = s.size();
        return n % 2 == 1 ? s.get(n / 2) : (s.get(n / 2 - 1) + s.get(n / 2)) / 2;
    }

}
