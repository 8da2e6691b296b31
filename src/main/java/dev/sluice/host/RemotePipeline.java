package dev.sluice.host;

import java.util.List;

/** {@code a | b} on an SSH host as one remote {@code sh -c}; see the SSH transport work. */
final class RemotePipeline {
    private RemotePipeline() {
    }

    static RunningPipeline start(ProcessCommandRunner runner, List<Command> stages, List<OutputListener> listeners) {
        throw new UnsupportedOperationException("remote pipelines arrive with the SSH transport");
    }
}
