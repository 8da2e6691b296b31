package dev.sluice.host;

import java.util.ArrayList;
import java.util.List;

/**
 * How the bytes of a {@code producer | consumer} pair travel when the producer runs on one host and the
 * consumer on another (or the same): a {@code zfs send} on the source host piped into a {@code zfs receive}
 * on the target. The bytes never pass through the JVM on any route:
 * <ul>
 *   <li>{@link #onHost}: both on one host, one pipe there;</li>
 *   <li>{@link #relayed}: two processes on this machine (an ssh client per remote side) joined by an OS pipe:
 *       {@code ssh A zfs send … | ssh B zfs receive …};</li>
 *   <li>{@link #direct}: the pipe runs on the source host, whose own ssh client reaches the target:
 *       {@code ssh A 'zfs send … | ssh B zfs receive …'}; the bytes go straight from A to B.</li>
 * </ul>
 */
public interface StreamRoute {

    RunningPipeline start(Command producer, Command consumer, List<OutputListener> listeners);

    /** The pair as the admin would type it: what the review page shows. */
    String shell(Command producer, Command consumer);

    /** Which route, in a few words ({@code "on nas"}, {@code "relayed through this machine"}, {@code "direct nas → backup"}). */
    String describe();

    /** Where the consumer runs: the side whose state (the partial receive) decides a resume. */
    CommandRunner consumerSide();

    /** Both stages on {@code runner}'s host. */
    static StreamRoute onHost(CommandRunner runner) {
        return new StreamRoute() {
            @Override
            public RunningPipeline start(Command producer, Command consumer, List<OutputListener> listeners) {
                return runner.startPipeline(List.of(producer, consumer), listeners);
            }

            @Override
            public String shell(Command producer, Command consumer) {
                return ShellQuote.join(producer.argv()) + " | " + ShellQuote.join(consumer.argv());
            }

            @Override
            public String describe() {
                return "on " + runner.host().displayName();
            }

            @Override
            public CommandRunner consumerSide() {
                return runner;
            }
        };
    }

    /** The producer on {@code from}'s host, the consumer on {@code to}'s, the pipe on this machine. */
    static StreamRoute relayed(ProcessCommandRunner from, ProcessCommandRunner to) {
        return new StreamRoute() {
            @Override
            public RunningPipeline start(Command producer, Command consumer, List<OutputListener> listeners) {
                return LocalPipeline.across(List.of(from, to), List.of(producer, consumer), listeners);
            }

            @Override
            public String shell(Command producer, Command consumer) {
                return onSide(from, producer) + " | " + onSide(to, consumer);
            }

            @Override
            public String describe() {
                return "relayed through this machine: " + from.host().displayName() + " → " + to.host().displayName();
            }

            @Override
            public CommandRunner consumerSide() {
                return to;
            }
        };
    }

    /**
     * The pipe on {@code from}'s host; its consumer stage is {@code hop}'s ssh client there, which runs the consumer
     * on {@code to}'s host (elevated as {@code to} elevates).
     */
    static StreamRoute direct(ProcessCommandRunner from, SshHop hop, ProcessCommandRunner to) {
        return new StreamRoute() {
            @Override
            public RunningPipeline start(Command producer, Command consumer, List<OutputListener> listeners) {
                return from.startPipeline(List.of(producer, hop.wrap(consumer, to.hostArgv(consumer))), listeners);
            }

            @Override
            public String shell(Command producer, Command consumer) {
                String onSource = ShellQuote.join(from.hostArgv(producer)) + " | "
                        + ShellQuote.join(hop.wrap(consumer, to.hostArgv(consumer)).argv());
                return from.host().isLocal() ? onSource : sshPrefix(from) + ShellQuote.quote(onSource);
            }

            @Override
            public String describe() {
                return "direct: " + from.host().displayName() + " → " + hop.destination();
            }

            @Override
            public CommandRunner consumerSide() {
                return to;
            }
        };
    }

    /** {@code ssh [-p N] target 'argv'} for a remote runner, the argv alone for a local one. */
    private static String onSide(ProcessCommandRunner r, Command c) {
        String line = ShellQuote.join(r.hostArgv(c));
        return r.host().isLocal() ? line : sshPrefix(r) + ShellQuote.quote(line);
    }

    private static String sshPrefix(ProcessCommandRunner r) {
        List<String> a = new ArrayList<>(List.of("ssh"));
        if (r.host().port() > 0) {
            a.add("-p");
            a.add(Integer.toString(r.host().port()));
        }
        a.add(r.host().sshTarget());
        return ShellQuote.join(a) + " ";
    }
}
