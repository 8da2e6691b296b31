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
 * {@code zfs send | zfs receive} of the same zvol on the testbed guest, in one run; a third pipeline, the shell
 * one with Sluice's flags ({@code send -vP}, {@code receive -v -s}), tells what the flags cost (zfs's own work for
 * progress and resumability) from what Sluice's plumbing adds (the remote {@code sh}, its stderr relay, ssh, the JVM).
 *
 * <p>Wall time on a software-emulated guest sharing two cores swings by ±20 % from one round to the next, so
 * the runner does two things beyond timing:
 * <ul>
 *   <li><b>many short rounds, order rotating</b>: the rounds go through all six orders of the three pipelines;
 *       each round gives one ratio; the report is the median ratio and its interquartile range;</li>
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
        int rounds = args.length > 1 ? Integer.parseInt(args[1]) : 12;
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
        shell(tb, cgroup, false);
        shell(tb, cgroup, true);
        sluice(tb, zfs, cgroup);

        // three pipelines: the plain shell one (the goal's reference), the shell one with Sluice's flags
        // (send -vP, receive -v -s: what progress and resumability need) and Sluice's; which runs first, second and
        // third goes through all six orders, so each pipeline is as often before as after each other one
        String[] names = {"shell", "shell+flags", "Sluice"};
        int[][] orders = {{0, 1, 2}, {2, 1, 0}, {1, 2, 0}, {0, 2, 1}, {2, 0, 1}, {1, 0, 2}};
        List<Double> ratios = new ArrayList<>();
        List<Double> flagRatios = new ArrayList<>();
        List<List<Double>> rates = List.of(new ArrayList<>(), new ArrayList<>(), new ArrayList<>());
        Cpu[] cpu = {new Cpu(0, 0, 0), new Cpu(0, 0, 0), new Cpu(0, 0, 0)};
        for (int i = 0; i < rounds; i++) {
            Run[] r = new Run[3];
            for (int which : orders[i % orders.length]) {
                r[which] = which == 2 ? sluice(tb, zfs, cgroup) : shell(tb, cgroup, which == 1);
            }
            StringBuilder line = new StringBuilder(String.format(Locale.ROOT, "round %2d (%s):", i + 1,
                    java.util.Arrays.stream(orders[i % orders.length]).mapToObj(w -> names[w]).reduce((a, b) -> a + ", " + b).orElse("")));
            double[] mbs = new double[3];
            for (int k = 0; k < 3; k++) {
                cpu[k] = add(cpu[k], r[k].cpu());
                mbs[k] = bytes / r[k].seconds() / 1e6;
                rates.get(k).add(mbs[k]);
                line.append(String.format(Locale.ROOT, " %s %6.1f MB/s cpu %.2f s |", names[k], mbs[k], r[k].cpu().total()));
            }
            ratios.add(mbs[2] / mbs[0]);
            flagRatios.add(mbs[1] / mbs[0]);
            System.out.printf(Locale.ROOT, "%s ratio Sluice/shell %.3f%n", line, mbs[2] / mbs[0]);
        }
        double[] q = quartiles(ratios);
        double[] qf = quartiles(flagRatios);
        System.out.printf(Locale.ROOT, "%nwall: median shell %.1f MB/s, shell+flags %.1f MB/s, Sluice %.1f MB/s%n",
                quartiles(rates.get(0))[1], quartiles(rates.get(1))[1], quartiles(rates.get(2))[1]);
        System.out.printf(Locale.ROOT, "wall: per-round ratio Sluice/shell median %.3f, IQR %.3f–%.3f (%d rounds; goal >= 0.97)%n",
                q[1], q[0], q[2], rounds);
        System.out.printf(Locale.ROOT, "wall: per-round ratio shell+flags/shell median %.3f, IQR %.3f–%.3f%n", qf[1], qf[0], qf[2]);
        double n = rounds * gib;
        for (int k = 0; k < 3; k++) {
            System.out.printf(Locale.ROOT, "cpu per GiB  %-11s: guest user %.3f s + sys %.3f s, host %.3f s = %.3f s%n", names[k],
                    cpu[k].guestUser() / n, cpu[k].guestSys() / n, cpu[k].host() / n, cpu[k].total() / n);
        }
        System.out.printf(Locale.ROOT, "cpu: Sluice's extra %.2f %% of the shell pipeline's (goal < 3 %%); the flags alone %.2f %%, "
                + "Sluice over the shell with the same flags %.2f %%%n", (cpu[2].total() / cpu[0].total() - 1) * 100,
                (cpu[1].total() / cpu[0].total() - 1) * 100, (cpu[2].total() / cpu[1].total() - 1) * 100);
        System.exit(0);
    }

    /** {@code zfs send | zfs receive} in the shell; with {@code flags}, the ones Sluice passes (send -vP, receive -v -s). */
    private static Run shell(Testbed tb, String cgroup, boolean flags) throws Exception {
        String target = flags ? "bdst/flags" : "bdst/shell";
        Cpu c0 = cpu(tb, cgroup);
        long t = System.nanoTime();
        tb.sh(flags ? "zfs send -vP bsrc/vol@bench | zfs receive -v -s " + target : "zfs send bsrc/vol@bench | zfs receive " + target);
        double s = (System.nanoTime() - t) / 1e9;
        Cpu c1 = cpu(tb, cgroup);
        tb.sh("zfs destroy -r " + target);
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
