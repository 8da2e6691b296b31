package dev.sluice.testbed;

import dev.sluice.host.CommandJournal;
import dev.sluice.host.CommandRunner;
import dev.sluice.host.Host;
import dev.sluice.host.ProcessCommandRunner;
import dev.sluice.host.ShellQuote;
import dev.sluice.host.Transport;
import java.util.ArrayList;
import java.util.List;

/** Stand-in until the SSH transport (branch host) is merged: plain ssh per command, local pipes. */
final class InterimSsh implements Transport {
    private final Host host;
    private final List<String> options;

    private InterimSsh(Host host, List<String> options) {
        this.host = host;
        this.options = options;
    }

    static CommandRunner runner(Host host, CommandJournal journal, List<String> options) {
        return new ProcessCommandRunner(host, new InterimSsh(host, options), journal);
    }

    @Override
    public String hostName() {
        return host.displayName();
    }

    @Override
    public List<String> wrap(List<String> argv) {
        List<String> out = new ArrayList<>(List.of("ssh", "-i", host.identityFile(), "-p", String.valueOf(host.port()),
                "-o", "BatchMode=yes"));
        out.addAll(options);
        out.add(host.sshTarget());
        out.add("--");
        out.add(ShellQuote.join(argv));
        return out;
    }

    @Override
    public List<String> wrapShell(String script) {
        return wrap(List.of("sh", "-c", script));
    }

    @Override
    public boolean isLocal() {
        return true; // so pipelines use LocalPipeline: the bytes pass through this machine for now
    }
}
