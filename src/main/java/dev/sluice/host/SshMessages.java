package dev.sluice.host;

import java.util.Locale;

/**
 * What ssh's own messages mean, in words an admin can act on. ssh exits 255 for all of them,
 * so the text is the only way to tell "wrong port" from "key refused".
 */
final class SshMessages {
    private SshMessages() {
    }

    /** Lines ssh prints that say nothing about the command (multiplexing chatter, known_hosts notes). */
    static boolean isNoise(String line) {
        return line.startsWith("Warning: Permanently added ")
                || line.startsWith("ControlSocket ") && line.endsWith("already exists, disabling multiplexing")
                || line.startsWith("mux_client_")
                || line.startsWith("Shared connection to ") && line.endsWith(" closed.");
    }

    /** The connection broke after the command had started. */
    static boolean isConnectionLost(String stderr) {
        String s = stderr.toLowerCase(Locale.ROOT);
        return s.contains("client_loop: send disconnect") || s.contains("broken pipe") && s.contains("client_loop")
                || s.contains("not responding") && s.contains("timeout, server")
                || s.contains("connection to ") && s.contains(" closed by remote host");
    }

    /** ssh's last relevant line, followed by what it means and what to do. */
    static String explain(String stderr, Host host) {
        String line = lastLine(stderr);
        String s = stderr.toLowerCase(Locale.ROOT);
        String port = host.port() > 0 ? "port " + host.port() : "the SSH port";
        String why;
        if (s.contains("could not resolve hostname")) {
            why = "the host name does not resolve; check its spelling or use the IP address";
        } else if (s.contains("connection refused")) {
            why = "nothing accepts SSH connections on " + port + "; check the host name and port, and that sshd is running there";
        } else if (s.contains("connection timed out") || s.contains("operation timed out")) {
            why = "no answer on " + port + "; the host is down or a firewall drops the connection";
        } else if (s.contains("no route to host") || s.contains("network is unreachable")) {
            why = "there is no network route to the host; check the network and the address";
        } else if (s.contains("host key verification failed") || s.contains("remote host identification has changed")) {
            why = "the host key is not in known_hosts or has changed; connect once with ssh in a terminal to check and accept it"
                    + " (if the host was reinstalled, remove the old key with `ssh-keygen -R <host>` first)";
        } else if (s.contains("too many authentication failures")) {
            why = "the server gave up after too many keys were offered; set this host's identity file so only that key is tried";
        } else if (s.contains("permission denied")) {
            why = "the server refused every key offered; add your public key to ~/.ssh/authorized_keys of that user on the host,"
                    + " or set the right identity file, or load it into ssh-agent (Sluice never asks for passwords)";
        } else if (s.contains("bad owner or permissions")) {
            why = "ssh refuses a configuration file with loose permissions; `chmod 600` the file it names";
        } else if (isConnectionLost(stderr)) {
            why = "the connection was lost while the command ran; the command may or may not have finished on the host";
        } else if (s.contains("connection closed by") || s.contains("connection reset by") || s.contains("kex_exchange_identification")) {
            why = "the server closed the connection during login (sshd refused us, MaxStartups was reached, or a firewall cut it)";
        } else {
            why = "ssh could not run the command there";
        }
        return line.isEmpty() ? why : line + " — " + why;
    }

    private static String lastLine(String s) {
        String[] lines = s.strip().split("\r?\n");
        for (int i = lines.length - 1; i >= 0; i--) {
            if (!lines[i].isBlank() && !isNoise(lines[i].strip())) {
                return lines[i].strip();
            }
        }
        return "";
    }
}
