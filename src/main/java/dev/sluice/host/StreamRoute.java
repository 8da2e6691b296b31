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
 * Between two hosts the stream may also pass through {@link #wire() wire stages}: a compressor after the producer
 * and its decompressor before the consumer, an {@code mbuffer} on each end that has one. Each host's stages run on
 * that host, and a stage that fails fails the stream (see {@link WirePipeline}).
 */
public interface StreamRoute {

    RunningPipeline start(Command producer, Command consumer, List<OutputListener> listeners);

    /**
     * The pair as the admin would type it: what the review page shows. Every stage's argv is exactly what runs, in
     * the order it runs on the host it runs on; the bookkeeping around them (the transport's markers, the per-stage
     * status reports of a pipeline on one host) is left out, as it changes nothing the stream does.
     */
    String shell(Command producer, Command consumer);

    /** Which route, in a few words ({@code "on nas"}, {@code "relayed through this machine"}, {@code "direct nas → backup"}). */
    String describe();

    /** Where the consumer runs: the side whose state (the partial receive) decides a resume. */
    CommandRunner consumerSide();

    /** What else the stream passes through between the hosts (compression, buffers); nothing on one host. */
    default WireOptions wire() {
        return WireOptions.NONE;
    }

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

    /** The producer on {@code from}'s host, the consumer on {@code to}'s, the pipe on this machine; nothing else on the wire. */
    static StreamRoute relayed(ProcessCommandRunner from, ProcessCommandRunner to) {
        return relayed(from, to, WireOptions.NONE);
    }

    /**
     * Relayed, with {@code wire}'s stages on each side: {@code ssh A 'zfs send … | zstd … | mbuffer …' | ssh B 'mbuffer …
     * | zstd -d … | zfs receive …'}. Each side's stages run in one session on its host (see {@link WirePipeline}).
     */
    static StreamRoute relayed(ProcessCommandRunner from, ProcessCommandRunner to, WireOptions wire) {
        return new StreamRoute() {
            @Override
            public RunningPipeline start(Command producer, Command consumer, List<OutputListener> listeners) {
                WireOptions w = wire.forStream(producer);
                List<WirePipeline.Group> groups = new ArrayList<>(WirePipeline.on(from, sourceStages(producer, w)));
                int onSource = groups.size();
                groups.addAll(WirePipeline.on(to, targetStages(consumer, w)));
                List<ProcessCommandRunner> runners = new ArrayList<>();
                for (int i = 0; i < groups.size(); i++) {
                    runners.add(i < onSource ? from : to);
                }
                List<Command> processes = groups.stream().map(WirePipeline.Group::process).toList();
                return WirePipeline.of(groups, LocalPipeline.across(runners, processes,
                        WirePipeline.listeners(groups, stageListeners(listeners, w))));
            }

            @Override
            public String shell(Command producer, Command consumer) {
                WireOptions w = wire.forStream(producer);
                return onSide(from, sourceStages(producer, w)) + " | " + onSide(to, targetStages(consumer, w));
            }

            @Override
            public String describe() {
                return "relayed through this machine: " + from.host().displayName() + " → " + to.host().displayName();
            }

            @Override
            public CommandRunner consumerSide() {
                return to;
            }

            @Override
            public WireOptions wire() {
                return wire;
            }
        };
    }

    /** Direct, nothing else on the wire. */
    static StreamRoute direct(ProcessCommandRunner from, SshHop hop, ProcessCommandRunner to) {
        return direct(from, hop, to, WireOptions.NONE);
    }

    /**
     * The pipe on {@code from}'s host; its consumer stage is {@code hop}'s ssh client there, which runs the consumer
     * on {@code to}'s host (elevated as {@code to} elevates). With {@code wire}: {@code zfs send … | zstd … | mbuffer …
     * | ssh B 'mbuffer … | zstd -d … | zfs receive …'}, the far side's stages in the hop's one remote command.
     */
    static StreamRoute direct(ProcessCommandRunner from, SshHop hop, ProcessCommandRunner to, WireOptions wire) {
        return new StreamRoute() {
            @Override
            public RunningPipeline start(Command producer, Command consumer, List<OutputListener> listeners) {
                WireOptions w = wire.forStream(producer);
                List<WirePipeline.Group> groups = new ArrayList<>();
                for (Command c : sourceStages(producer, w)) {
                    groups.add(new WirePipeline.Group(List.of(c), c));
                }
                List<Command> far = targetStages(consumer, w);
                groups.add(new WirePipeline.Group(far, farCommand(far, consumer, true)));
                List<Command> processes = groups.stream().map(WirePipeline.Group::process).toList();
                return WirePipeline.of(groups, from.startPipeline(processes, WirePipeline.listeners(groups, stageListeners(listeners, w))));
            }

            @Override
            public String shell(Command producer, Command consumer) {
                WireOptions w = wire.forStream(producer);
                List<List<String>> onSource = new ArrayList<>(sourceStages(producer, w).stream().map(from::hostArgv).toList());
                onSource.add(farCommand(targetStages(consumer, w), consumer, false).argv());
                String line = ShellQuote.pipeline(onSource);
                return from.host().isLocal() ? line : sshPrefix(from) + ShellQuote.quote(line);
            }

            /** The hop's ssh client with the far stages as its remote command; {@code marked} as it runs, else as shown. */
            private Command farCommand(List<Command> far, Command consumer, boolean marked) {
                if (far.size() == 1) {
                    return hop.wrap(consumer, to.hostArgv(consumer));
                }
                List<List<String>> onFar = far.stream().map(to::hostArgv).toList();
                // the far login shell may be csh or fish: what runs is a POSIX sh of its own
                return marked ? hop.wrap(consumer, List.of("sh", "-c", WirePipeline.markedLine(onFar)))
                        : hop.wrapLine(consumer, ShellQuote.pipeline(onFar));
            }

            @Override
            public String describe() {
                return "direct: " + from.host().displayName() + " → " + hop.destination();
            }

            @Override
            public CommandRunner consumerSide() {
                return to;
            }

            @Override
            public WireOptions wire() {
                return wire;
            }
        };
    }

    private static List<Command> sourceStages(Command producer, WireOptions w) {
        List<Command> s = new ArrayList<>(List.of(producer));
        s.addAll(w.afterProducer());
        return s;
    }

    private static List<Command> targetStages(Command consumer, WireOptions w) {
        List<Command> s = new ArrayList<>(w.beforeConsumer());
        s.add(consumer);
        return s;
    }

    /** The caller's [producer, consumer] listeners spread over all stages: the wire stages in between get none. */
    private static List<OutputListener> stageListeners(List<OutputListener> listeners, WireOptions w) {
        List<OutputListener> out = new ArrayList<>();
        out.add(listeners.isEmpty() ? OutputListener.NONE : listeners.get(0));
        int between = w.afterProducer().size() + w.beforeConsumer().size();
        for (int i = 0; i < between; i++) {
            out.add(OutputListener.NONE);
        }
        out.add(listeners.size() < 2 ? OutputListener.NONE : listeners.get(1));
        return out;
    }

    /** {@code ssh [-p N] target 'a | b'} for a remote runner, {@code a | b} alone for a local one. */
    private static String onSide(ProcessCommandRunner r, List<Command> stages) {
        String line = ShellQuote.pipeline(stages.stream().map(r::hostArgv).toList());
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
