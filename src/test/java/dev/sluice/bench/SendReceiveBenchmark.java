package dev.sluice.bench;

import dev.sluice.testbed.Channel;
import dev.sluice.testbed.Testbed;
import dev.sluice.zfs.ReceiveSpec;
import dev.sluice.zfs.SendReceive;
import dev.sluice.zfs.SendSpec;
import dev.sluice.zfs.ZfsService;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Sluice's {@code zfs send | zfs receive} (through {@code CommandRunner.startPipeline}, with {@code send -vP}
 * progress demultiplexed live and a resumable {@code receive -s -v}) against a plain shell
 * {@code zfs send | zfs receive} of the same zvol on the testbed guest, in one run.
 *
 * <p>Wall time on a software-emulated guest sharing two cores swings by ±20 % from one round to the next, so
 * the runner does two things beyond timing:
 * <ul>
 *   <li><b>many short rounds, order alternating</b>: round {@code i} runs shell then Sluice when {@code i} is
 *       even, Sluice then shell when odd; each round gives one ratio; the report is the median ratio and its
 *       interquartile range;</li>
 *   <li><b>CPU seconds</b>, which a busy machine disturbs far less than wall time: on the guest, the delta of
 *       {@code cpu.stat} of the cgroup the ssh session's processes run in (every process of the pipeline: the
 *       remote {@code sh}, both {@code zfs}, the stderr relay loops, {@code sshd}'s channel), and on this
 *       machine the JVM's own and reaped children's CPU plus the ssh connection master's. Both pipelines are
 *       bracketed by the same two probe commands, so the probes cost both alike.</li>
 * </ul>
 *
 * <pre>
 * ./mvnw -q -Dsluice.setup.skip=true test-compile exec:java -Dexec.classpathScope=test \
 *     -Dexec.mainClass=dev.sluice.bench.SendReceiveBenchmark [-Dexec.args="MIB ROUNDS"]
 * </pre>
 */
public final class SendReceiveBenchmark {
    private static final double GIB = 1L << 30;

    private SendReceiveBenchmark() {
    }

    /** CPU seconds spent so far: on the guest (the session's cgroup) and on this machine (JVM + ssh). */
    record Cpu(double guestUser, double guestSys, double host) {
        Cpu minus(Cpu o) {
            return new Cpu(guestUser - o.guestUser, guestSys - o.guestSys, host - o.host);
        }

        double total() {
            return guestUser + guestSys + host;
        }
    }

    /** One pipeline run: wall seconds and CPU seconds. */
    record Run(double seconds, Cpu cpu) {
    }

    public static void main(String[] args) throws Exception {
        int mib = args.length > 0 ? Integer.parseInt(args[0]) : 512;
        int rounds = args.length > 1 ? Integer.parseInt(args[1]) : 11;
        Testbed tb = Testbed.start(Channel.BACKPORTS);
        System.out.printf(Locale.ROOT, "testbed %s (%s), boot %.1f s%n", tb.zfsVersion(), tb.accel(), tb.bootTime().toMillis() / 1000.0);
        tb.freshPool("bsrc", 1, 2);
        tb.freshPool("bdst", 3, 4);
        tb.sh("zfs set compression=off bsrc && zfs set compression=off bdst");
        ZfsService zfs = new ZfsService(tb.runner());
        zfs.createZvol("bsrc/vol", mib + "M", true, null, java.util.Map.of());
        long t0 = System.nanoTime();
        tb.waitForDevice("/dev/zvol/bsrc/vol");
        tb.sh("dd if=/dev/urandom of=/dev/zvol/bsrc/vol bs=1M count=" + mib + " oflag=direct status=none");
        System.out.printf(Locale.ROOT, "wrote %d MiB of random data in %.1f s%n", mib, (System.nanoTime() - t0) / 1e9);
        zfs.snapshot(List.of("bsrc/vol@bench"));
        String cgroup = "/sys/fs/cgroup" + tb.sh("sed -n 's/^0:://p' /proc/self/cgroup").strip() + "/cpu.stat";
        System.out.println("guest CPU read from " + cgroup);
        double gib = mib / 1024.0;
        long bytes = (long) mib << 20;

        // one unmeasured round of each warms the ARC, the ssh connection and the JIT alike
        shell(tb, cgroup);
        sluice(tb, zfs, cgroup);

        List<Double> ratios = new ArrayList<>();
        List<Double> shellRates = new ArrayList<>();
        List<Double> sluiceRates = new ArrayList<>();
        Cpu shellCpu = new Cpu(0, 0, 0);
        Cpu sluiceCpu = new Cpu(0, 0, 0);
        for (int i = 0; i < rounds; i++) {
            Run a;
            Run b;
            if (i % 2 == 0) {
                a = shell(tb, cgroup);
                b = sluice(tb, zfs, cgroup);
            } else {
                b = sluice(tb, zfs, cgroup);
                a = shell(tb, cgroup);
            }
            shellCpu = add(shellCpu, a.cpu());
            sluiceCpu = add(sluiceCpu, b.cpu());
            double ra = bytes / a.seconds() / 1e6;
            double rb = bytes / b.seconds() / 1e6;
            shellRates.add(ra);
            sluiceRates.add(rb);
            ratios.add(rb / ra);
            System.out.printf(Locale.ROOT,
                    "round %2d (%s first): shell %6.1f MB/s cpu %.2f s | Sluice %6.1f MB/s cpu %.2f s | ratio %.3f%n",
                    i + 1, i % 2 == 0 ? "shell " : "Sluice", ra, a.cpu().total(), rb, b.cpu().total(), rb / ra);
        }
        double[] q = quartiles(ratios);
        System.out.printf(Locale.ROOT, "%nwall: median shell %.1f MB/s, Sluice %.1f MB/s%n", quartiles(shellRates)[1],
                quartiles(sluiceRates)[1]);
        System.out.printf(Locale.ROOT, "wall: per-round ratio Sluice/shell median %.3f, IQR %.3f–%.3f (%d rounds; goal >= 0.97)%n",
                q[1], q[0], q[2], rounds);
        double n = rounds * gib;
        System.out.printf(Locale.ROOT, "cpu per GiB  shell : guest user %.3f s + sys %.3f s, host %.3f s = %.3f s%n",
                shellCpu.guestUser() / n, shellCpu.guestSys() / n, shellCpu.host() / n, shellCpu.total() / n);
        System.out.printf(Locale.ROOT, "cpu per GiB  Sluice: guest user %.3f s + sys %.3f s, host %.3f s = %.3f s%n",
                sluiceCpu.guestUser() / n, sluiceCpu.guestSys() / n, sluiceCpu.host() / n, sluiceCpu.total() / n);
        System.out.printf(Locale.ROOT, "cpu: Sluice's extra %.2f %% of the shell pipeline's (goal < 3 %%)%n",
                (sluiceCpu.total() / shellCpu.total() - 1) * 100);
        System.exit(0);
    }

    private static Run shell(Testbed tb, String cgroup) throws Exception {
        Cpu c0 = cpu(tb, cgroup);
        long t = System.nanoTime();
        tb.sh("zfs send bsrc/vol@bench | zfs receive bdst/shell");
        double s = (System.nanoTime() - t) / 1e9;
        Cpu c1 = cpu(tb, cgroup);
        tb.sh("zfs destroy -r bdst/shell");
        return new Run(s, c1.minus(c0));
    }

    private static Run sluice(Testbed tb, ZfsService zfs, String cgroup) throws Exception {
        SendReceive sr = zfs.sendReceive(SendSpec.full("bsrc/vol@bench"), ReceiveSpec.into("bdst/sluice"));
        Cpu c0 = cpu(tb, cgroup);
        long t = System.nanoTime();
        sr.run(p -> { });
        double s = (System.nanoTime() - t) / 1e9;
        Cpu c1 = cpu(tb, cgroup);
        tb.sh("zfs destroy -r bdst/sluice");
        return new Run(s, c1.minus(c0));
    }

    private static Cpu add(Cpu a, Cpu b) {
        return new Cpu(a.guestUser() + b.guestUser(), a.guestSys() + b.guestSys(), a.host() + b.host());
    }

    /** The guest cgroup's user and system microseconds, and this machine's JVM + ssh CPU seconds. */
    private static Cpu cpu(Testbed tb, String cgroup) throws Exception {
        String stat = tb.sh("cat " + cgroup);
        double user = 0;
        double sys = 0;
        for (String line : stat.split("\n")) {
            String[] f = line.strip().split(" ");
            if (f.length == 2 && f[0].equals("user_usec")) {
                user = Long.parseLong(f[1]) / 1e6;
            } else if (f.length == 2 && f[0].equals("system_usec")) {
                sys = Long.parseLong(f[1]) / 1e6;
            }
        }
        return new Cpu(user, sys, hostCpu());
    }

    /** The JVM's CPU with its reaped children (ssh mux clients), plus every live ssh connection master. */
    private static double hostCpu() throws Exception {
        double ticks = ticks(ProcessHandle.current().pid(), true);
        for (ProcessHandle p : ProcessHandle.allProcesses().toList()) {
            String cmd = p.info().commandLine().orElse("");
            if (p.pid() != ProcessHandle.current().pid() && cmd.contains("ssh") && cmd.contains("ControlPersist")
                    && p.parent().map(pp -> pp.pid() != ProcessHandle.current().pid()).orElse(true)) {
                ticks += ticks(p.pid(), false);
            }
        }
        return ticks / 100.0; // USER_HZ
    }

    private static double ticks(long pid, boolean withChildren) {
        try {
            String s = java.nio.file.Files.readString(java.nio.file.Path.of("/proc/" + pid + "/stat"));
            String[] f = s.substring(s.lastIndexOf(')') + 2).split(" ");
            // after the command: state(0) ppid(1) ... utime(11) stime(12) cutime(13) cstime(14)
            double t = Long.parseLong(f[11]) + Long.parseLong(f[12]);
            if (withChildren) {
                t += Long.parseLong(f[13]) + Long.parseLong(f[14]);
            }
            return t;
        } catch (java.io.IOException | RuntimeException gone) {
            return 0;
        }
    }

    /** First quartile, median and third quartile (linear interpolation). */
    static double[] quartiles(List<Double> xs) {
        List<Double> s = new ArrayList<>(xs);
        s.sort(null);
        return new double[] {at(s, 0.25), at(s, 0.5), at(s, 0.75)};
    }

    private static double at(List<Double> sorted, double q) {
        double pos = q * (sorted.size() - 1);
        int lo = (int) Math.floor(pos);
        int hi = (int) Math.ceil(pos);
        return sorted.get(lo) + (sorted.get(hi) - sorted.get(lo)) * (pos - lo);
    }
}
