package dev.sluice.host;

import java.util.Objects;

/**
 * A machine Sluice manages: the local one, or one reached with the system {@code ssh} client.
 * {@code sshTarget} is what you would type after {@code ssh} ({@code admin@nas}, or an alias
 * from ~/.ssh/config); {@code port} 0 means ssh's own default or config.
 */
public record Host(String id, String displayName, Kind kind, String sshTarget, int port, String identityFile,
                   Elevation elevation) {

    public enum Kind { LOCAL, SSH }

    public static final String LOCAL_ID = "local";

    public Host {
        Objects.requireNonNull(id);
        Objects.requireNonNull(kind);
        elevation = elevation == null ? Elevation.NONE : elevation;
        displayName = displayName == null || displayName.isBlank() ? (kind == Kind.LOCAL ? "Local host" : sshTarget) : displayName;
    }

    public static Host local(Elevation elevation) {
        return new Host(LOCAL_ID, "Local host", Kind.LOCAL, null, 0, null, elevation);
    }

    public static Host ssh(String target, int port, String identityFile, Elevation elevation) {
        String id = "ssh:" + target + (port > 0 ? ":" + port : "");
        return new Host(id, target, Kind.SSH, target, port, identityFile, elevation);
    }

    public boolean isLocal() {
        return kind == Kind.LOCAL;
    }

    public Host withElevation(Elevation e) {
        return new Host(id, displayName, kind, sshTarget, port, identityFile, e);
    }
}
