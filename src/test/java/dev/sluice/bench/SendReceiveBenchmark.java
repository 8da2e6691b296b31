package dev.sluice.bench;

import dev.sluice.testbed.Channel;
import dev.sluice.testbed.Testbed;
import dev.sluice.zfs.ReceiveSpec;
import dev.sluice.zfs.SendReceive;
import dev.sluice.zfs.SendSpec;
import dev.sluice.zfs.ZfsService;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * Issue 6's benchmark: Sluice's {@code zfs send | zfs receive} (through {@code CommandRunner.startPipeline},
 * with {@code send -vP} progress demultiplexed live and a resumable {@code receive -s}) against a plain shell
 * {@code zfs send | zfs receive} of the same 2 GiB zvol, on the testbed guest, in one run, rounds alternating
 * so that a slower moment of the machine hits both alike.
 *
 * <pre>
 * ./mvnw -q -Dsluice.setup.skip=true test-compile exec:java -Dexec.mainClass=dev.sluice.bench.SendReceiveBenchmark [-Dexec.args="MIB ROUNDS"]
 * </pre>
 */
public final class SendReceiveBenchmark {
    private SendReceiveBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        int mib = args.length > 0 ? Integer.parseInt(args[0]) : 2048;
        int rounds = args.length > 1 ? Integer.parseInt(args[1]) : 3;
        Testbed tb = Testbed.start(Channel.BACKPORTS);
        System.out.printf("testbed %s (%s), boot %.1f s%n", tb.zfsVersion(), tb.accel(), tb.bootTime().toMillis() / 1000.0);
        tb.freshPool("bsrc", 1, 2);
        tb.freshPool("bdst", 3, 4);
        tb.sh("zfs set compression=off bsrc && zfs set compression=off bdst");
        ZfsService zfs = new ZfsService(tb.runner());
        zfs.createZvol("bsrc/vol", mib + "M", true, null, java.util.Map.of());
        long t0 = System.nanoTime();
        tb.waitForDevice("/dev/zvol/bsrc/vol");
        tb.sh("dd if=/dev/urandom of=/dev/zvol/bsrc/vol bs=1M count=" + mib + " oflag=direct status=none");
        System.out.printf("wrote %d MiB of random data in %.1f s%n", mib, (System.nanoTime() - t0) / 1e9);
        zfs.snapshot(List.of("bsrc/vol@bench"));
        long bytes = (long) mib << 20;

        List<Double> shell = new ArrayList<>();
        List<Double> sluice = new ArrayList<>();
        for (int i = 0; i < rounds; i++) {
            long s0 = System.nanoTime();
            tb.sh("zfs send bsrc/vol@bench | zfs receive bdst/shell");
            double shellSec = (System.nanoTime() - s0) / 1e9;
            tb.sh("zfs destroy -r bdst/shell");

            SendReceive sr = zfs.sendReceive(SendSpec.full("bsrc/vol@bench"), ReceiveSpec.into("bdst/sluice"));
            long l0 = System.nanoTime();
            sr.run(p -> { });
            double sluiceSec = (System.nanoTime() - l0) / 1e9;
            tb.sh("zfs destroy -r bdst/sluice");

            shell.add(bytes / shellSec / 1e6);
            sluice.add(bytes / sluiceSec / 1e6);
            System.out.printf("round %d: shell %.1f MB/s (%.1f s), Sluice %.1f MB/s (%.1f s)%n", i + 1,
                    shell.get(i), shellSec, sluice.get(i), sluiceSec);
        }
        double ms = median(shell);
        double ml = median(sluice);
        System.out.printf("median: shell %.1f MB/s, Sluice %.1f MB/s, ratio %.3f (goal >= 0.97)%n", ms, ml, ml / ms);
        System.exit(0);
    }

    private static double median(List<Double> xs) {
        List<Double> s = new ArrayList<>(xs);
        Collections.sort(s);
        return s.get(s.size() / 2);
    }
}
