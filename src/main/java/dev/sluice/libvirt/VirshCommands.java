package dev.sluice.libvirt;

import dev.sluice.host.Command;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * The virsh argv Sluice runs, all on the system connection; one place, so tests and the review pages
 * see exactly these. Domains are named by UUID where Sluice has it (a UUID never looks like an option)
 * and otherwise with {@code --domain}.
 */
public final class VirshCommands {
    public static final String PROGRAM = "virsh";
    public static final String SYSTEM = "qemu:///system";

    private VirshCommands() {
    }

    private static Command virsh(String... args) {
        List<String> a = new ArrayList<>(List.of(PROGRAM, "--quiet", "-c", SYSTEM));
        a.addAll(List.of(args));
        return Command.of(a);
    }

    /** Every domain, running or not, with its state: one call for the whole host. */
    public static Command statesOfAll() {
        return virsh("domstats", "--state");
    }

    /** One domain's state (numeric, as {@link #statesOfAll}). */
    public static Command state(String uuid) {
        return virsh("domstats", "--state", uuid);
    }

    /** The running domains' drives with their I/O counters. */
    public static Command blockStatsOfActive() {
        return virsh("domstats", "--block", "--list-active");
    }

    /** Names of the domains without a persistent definition (they vanish when they stop). */
    public static Command transientNames() {
        return virsh("list", "--all", "--transient", "--name");
    }

    /** The live definition (the persistent one when the domain is shut off). */
    public static Command dumpXml(String domain) {
        return virsh("dumpxml", "--domain", domain);
    }

    /** The persistent definition: what the next start uses, and what {@code define} replaces. */
    public static Command dumpInactiveXml(String uuid) {
        return virsh("dumpxml", "--inactive", "--domain", uuid);
    }

    /** Replaces the persistent definition with {@code xml}, read from stdin (no file on the host). */
    public static Command define(String xml) {
        return virsh("define", "--file", "/dev/stdin").withStdin(xml.getBytes(StandardCharsets.UTF_8));
    }

    /** Removes the persistent definition only: storage is never touched (no --remove-all-storage), NVRAM is kept. */
    public static Command undefine(String uuid) {
        return virsh("undefine", "--domain", uuid, "--keep-nvram");
    }

    public static Command start(String uuid) {
        return virsh("start", "--domain", uuid);
    }

    /** Presses the ACPI power button; the guest's OS decides whether to shut down. */
    public static Command shutdownAcpi(String uuid) {
        return virsh("shutdown", "--domain", uuid, "--mode", "acpi");
    }

    /** Force off (virsh calls it "destroy"; the definition and the disks stay). */
    public static Command forceOff(String uuid) {
        return virsh("destroy", "--domain", uuid);
    }
}
