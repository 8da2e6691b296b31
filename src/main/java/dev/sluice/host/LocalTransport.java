package dev.sluice.host;

import java.util.List;

/** This machine: argv goes to ProcessBuilder unchanged. */
final class LocalTransport implements Transport {
    static final LocalTransport INSTANCE = new LocalTransport();

    @Override
    public String hostName() {
        return "Local host";
    }

    @Override
    public List<String> wrap(List<String> argv) {
        return argv;
    }

    @Override
    public List<String> wrapShell(String script) {
        return List.of("sh", "-c", script);
    }

    @Override
    public boolean isLocal() {
        return true;
    }
}
