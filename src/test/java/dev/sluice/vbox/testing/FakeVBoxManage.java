package dev.sluice.vbox.testing;

import dev.sluice.host.Command;
import dev.sluice.host.CommandJournal;
import dev.sluice.host.CommandResult;
import dev.sluice.host.CommandRunner;
import dev.sluice.host.Elevation;
import dev.sluice.host.Host;
import dev.sluice.host.OutputListener;
import dev.sluice.host.RunningCommand;
import dev.sluice.host.RunningPipeline;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;

/**
 * A stateful stand-in for VBoxManage (VirtualBox cannot be installed where Sluice is built): a
 * CommandRunner that interprets VBoxManage argv against in-memory VMs and media, with a small
 * fake file system so {@code head}/{@code stat}/{@code id} (used by descriptor reading and
 * preflight) answer consistently. It enforces VirtualBox's rules with VirtualBox's error texts:
 * an attached medium cannot be closed, a VM does not start with a missing (VERR_FILE_NOT_FOUND)
 * or unreadable (VERR_ACCESS_DENIED) medium, a running VM's attachments cannot change.
 */
public final class FakeVBoxManage implements CommandRunner {

    /** A slot's content: medium path, "emptydrive", or absent. */
    public static final class Vm {
        final String uuid;
        final String name;
        String state = "poweroff";
        boolean answersAcpi = true;
        int acpiPollsLeft = -1;
        final Map<String, String> controllerTypes = new LinkedHashMap<>();
        final Map<String, Integer> controllerPorts = new LinkedHashMap<>();
        final Map<String, String> slots = new LinkedHashMap<>(); // "ctl|port|dev" -> path or emptydrive
        final List<String> snapshots = new ArrayList<>(); // names, oldest first (a line: each the child of the one before)
        final Set<String> snapshotMedia = new java.util.LinkedHashSet<>(); // media a snapshot refers to

        Vm(String uuid, String name) {
            this.uuid = uuid;
            this.name = name;
        }

        public Vm controller(String name, String type, int ports) {
            controllerTypes.put(name, type);
            controllerPorts.put(name, ports);
            return this;
        }

        /** The guest ignores the ACPI power button (no OS, hung, or a dialog open). */
        public Vm ignoresAcpi() {
            answersAcpi = false;
            return this;
        }

        public String state() {
            return state;
        }

        public String uuid() {
            return uuid;
        }
    }

    record Medium(String uuid, String path, String type) {
    }

    public static final int USER_UID = 1000;
    public static final int DISK_GID = 6;

    private final String version;
    private final Host host = Host.local(Elevation.NONE);
    private final CommandJournal journal = new CommandJournal();
    private final Map<String, Vm> vms = new LinkedHashMap<>();
    private final Map<String, Medium> media = new LinkedHashMap<>();
    private final Map<String, String> files = new LinkedHashMap<>();   // path -> content ("" for devices/binary)
    private final Map<String, Long> deviceSizes = new LinkedHashMap<>();
    private final Map<String, String> parents = new LinkedHashMap<>(); // differencing image path -> its parent's UUID
    private final Set<String> lockedDevices = new java.util.HashSet<>(); // encrypted, key not loaded
    private final List<List<String>> ran = Collections.synchronizedList(new ArrayList<>());
    private int serviceFailures;
    private String serviceFailureStderr;

    public FakeVBoxManage(String version) {
        this.version = version;
    }

    // ------------------------------------------------------------------ test set-up

    /**
     * The next {@code calls} VBoxManage commands fail as they do while VBoxSVC has not started yet: exit 1 with
     * {@code stderr} (the real text: fixtures/vbox/7.2/storageattach-dvd-empty.stderr.txt), having done nothing.
     */
    public synchronized void serviceStartsLate(int calls, String stderr) {
        serviceFailures = calls;
        serviceFailureStderr = stderr;
    }

    public synchronized Vm addVm(String name) {
        Vm vm = new Vm(UUID.nameUUIDFromBytes(name.getBytes()).toString(), name);
        vms.put(vm.uuid, vm);
        return vm;
    }

    /** Puts a medium into a slot as if the user had attached it earlier. */
    public synchronized void attached(Vm vm, String controller, int port, int device, String path) {
        media.computeIfAbsent(path, p -> new Medium(UUID.nameUUIDFromBytes(p.getBytes()).toString(), p, "normal"));
        vm.slots.put(controller + "|" + port + "|" + device, path);
    }

    public synchronized Vm vm(String name) {
        return vms.values().stream().filter(v -> v.name.equals(name)).findFirst().orElseThrow();
    }

    public synchronized void addFile(String path, String content) {
        files.put(path, content);
    }

    /** A zvol device node of {@code bytes}. */
    public synchronized void addDevice(String path, long bytes) {
        files.put(path, "");
        deviceSizes.put(path, bytes);
    }

    public synchronized void removeFile(String path) {
        files.remove(path);
    }

    public synchronized void lockDevice(String path) {
        lockedDevices.add(path);
    }

    public synchronized boolean exists(String path) {
        return files.containsKey(path);
    }

    public synchronized String file(String path) {
        return files.get(path);
    }

    public synchronized boolean isRegistered(String path) {
        return media.containsKey(path);
    }

    public List<List<String>> ranArgv() {
        synchronized (ran) {
            return List.copyOf(ran);
        }
    }

    // ------------------------------------------------------------------ state in a file, for tests that span processes

    /** Everything the double knows, as JSON: a test that kills the process running Sluice restores it in the next one. */
    public synchronized String stateJson() {
        java.util.Map<String, Object> st = new LinkedHashMap<>();
        List<Object> vmList = new ArrayList<>();
        for (Vm vm : vms.values()) {
            vmList.add(java.util.Map.of("uuid", vm.uuid, "name", vm.name, "state", vm.state, "answersAcpi", vm.answersAcpi,
                    "acpiPollsLeft", vm.acpiPollsLeft, "controllerTypes", vm.controllerTypes, "controllerPorts", vm.controllerPorts,
                    "slots", vm.slots, "snapshots", vm.snapshots, "snapshotMedia", List.copyOf(vm.snapshotMedia)));
        }
        st.put("vms", vmList);
        List<Object> mediaList = new ArrayList<>();
        media.values().forEach(m -> mediaList.add(java.util.Map.of("uuid", m.uuid(), "path", m.path(), "type", m.type())));
        st.put("media", mediaList);
        st.put("files", files);
        st.put("deviceSizes", deviceSizes);
        st.put("parents", parents);
        st.put("lockedDevices", lockedDevices);
        try {
            return new com.fasterxml.jackson.databind.ObjectMapper().writeValueAsString(st);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    @SuppressWarnings("unchecked")
    public synchronized void restore(String json) {
        java.util.Map<String, Object> st;
        try {
            st = new com.fasterxml.jackson.databind.ObjectMapper().readValue(json, java.util.Map.class);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
        vms.clear();
        for (Object o : (List<Object>) st.get("vms")) {
            java.util.Map<String, Object> v = (java.util.Map<String, Object>) o;
            Vm vm = new Vm((String) v.get("uuid"), (String) v.get("name"));
            vm.state = (String) v.get("state");
            vm.answersAcpi = (Boolean) v.get("answersAcpi");
            vm.acpiPollsLeft = ((Number) v.get("acpiPollsLeft")).intValue();
            vm.controllerTypes.putAll((java.util.Map<String, String>) v.get("controllerTypes"));
            ((java.util.Map<String, Number>) v.get("controllerPorts")).forEach((k, n) -> vm.controllerPorts.put(k, n.intValue()));
            vm.slots.putAll((java.util.Map<String, String>) v.get("slots"));
            vm.snapshots.addAll((List<String>) v.getOrDefault("snapshots", List.of()));
            vm.snapshotMedia.addAll((List<String>) v.getOrDefault("snapshotMedia", List.of()));
            vms.put(vm.uuid, vm);
        }
        media.clear();
        for (Object o : (List<Object>) st.get("media")) {
            java.util.Map<String, String> m = (java.util.Map<String, String>) o;
            media.put(m.get("path"), new Medium(m.get("uuid"), m.get("path"), m.get("type")));
        }
        files.clear();
        files.putAll((java.util.Map<String, String>) st.get("files"));
        deviceSizes.clear();
        ((java.util.Map<String, Number>) st.get("deviceSizes")).forEach((k, n) -> deviceSizes.put(k, n.longValue()));
        parents.clear();
        parents.putAll((java.util.Map<String, String>) st.getOrDefault("parents", java.util.Map.of()));
        lockedDevices.clear();
        lockedDevices.addAll((List<String>) st.get("lockedDevices"));
    }

    // ------------------------------------------------------------------ CommandRunner

    @Override
    public Host host() {
        return host;
    }

    @Override
    public synchronized RunningCommand start(Command command, OutputListener listener) {
        ran.add(command.argv());
        List<String> a = command.argv();
        String[] r = switch (a.get(0)) {
            case "VBoxManage" -> serviceFailures > 0 && serviceFailures-- > 0 ? new String[] {"1", "", serviceFailureStderr} : vboxManage(a.subList(1, a.size()));
            case "head" -> files.containsKey(a.get(a.size() - 1)) ? ok(files.get(a.get(a.size() - 1)))
                    : fail(1, "head: cannot open '" + a.get(a.size() - 1) + "' for reading: No such file or directory\n");
            case "stat" -> stat(a.get(a.size() - 1));
            case "mv" -> move(a.get(a.size() - 2), a.get(a.size() - 1));
            case "id" -> switch (a.get(1)) {
                case "-un" -> ok("admin\n");
                case "-u" -> ok(USER_UID + "\n");
                default -> ok(USER_UID + " " + DISK_GID + "\n");
            };
            default -> throw new AssertionError("FakeVBoxManage does not know " + command.toShell());
        };
        CommandResult result = new CommandResult(command, host.displayName(), Integer.parseInt(r[0]), r[1], r[2],
                Instant.now(), Duration.ZERO, false);
        CompletableFuture<CommandResult> f = CompletableFuture.completedFuture(result);
        return new RunningCommand() {
            @Override
            public Command command() {
                return command;
            }

            @Override
            public CompletableFuture<CommandResult> future() {
                return f;
            }

            @Override
            public void cancel() {
            }
        };
    }

    @Override
    public RunningPipeline startPipeline(List<Command> stages, List<OutputListener> listeners) {
        throw new UnsupportedOperationException("no pipelines in VBoxManage tests");
    }

    public CommandJournal journal() {
        return journal;
    }

    private String[] stat(String path) {
        if (!files.containsKey(path)) {
            return fail(1, "stat: cannot statx '" + path + "': No such file or directory\n");
        }
        if (deviceSizes.containsKey(path)) {
            return ok("block special file|0|660|0|" + DISK_GID + "\n");
        }
        return ok("regular file|" + files.get(path).length() + "|644|" + USER_UID + "|" + USER_UID + "\n");
    }

    // ------------------------------------------------------------------ VBoxManage

    private String[] vboxManage(List<String> a) {
        if (a.isEmpty()) {
            return fail(1, "Usage: VBoxManage ...\n");
        }
        return switch (a.get(0)) {
            case "--version" -> ok(version + "\n");
            case "list" -> a.size() > 1 && a.get(1).equals("hdds") ? listHdds() : listVms();
            case "showvminfo" -> withVm(a.get(1), vm -> ok(FakeShowVmInfo.render(vm, media)));
            case "startvm" -> withVm(a.get(1), this::startVm);
            case "controlvm" -> withVm(a.get(1), vm -> controlVm(vm, a.get(2)));
            case "storageattach" -> withVm(a.get(1), vm -> storageAttach(vm, a));
            case "closemedium" -> closeMedium(a);
            case "snapshot" -> withVm(a.get(1), vm -> snapshot(vm, a));
            case "createmedium" -> createMedium(a);
            case "internalcommands" -> createRawVmdk6(a);
            default -> fail(1, "VBoxManage: error: Invalid command '" + a.get(0) + "'\n");
        };
    }

    private String[] listVms() {
        StringBuilder sb = new StringBuilder();
        vms.values().forEach(vm -> sb.append('"').append(vm.name).append("\" {").append(vm.uuid).append("}\n"));
        return ok(sb.toString());
    }

    /** As VBoxManage 7.2 prints it (captured: fixtures/vbox/7.2/list-hdds.txt). */
    private String[] listHdds() {
        StringBuilder sb = new StringBuilder();
        for (Medium m : media.values()) {
            sb.append("UUID:           ").append(m.uuid()).append('\n')
                    .append("Parent UUID:    ").append(parents.getOrDefault(m.path(), "base")).append('\n')
                    .append("State:          ").append(openError(m.path()) == null ? "created" : "inaccessible").append('\n')
                    .append("Type:           ").append(m.type()).append('\n')
                    .append("Location:       ").append(m.path()).append('\n')
                    .append("Storage format: VMDK\n")
                    .append("Capacity:       ").append(deviceSizes.getOrDefault(devicePath(m.path()), 1L << 30) >> 20).append(" MBytes\n")
                    .append("Encryption:     disabled\n\n");
        }
        return ok(sb.toString());
    }

    private String devicePath(String vmdk) {
        String content = files.getOrDefault(vmdk, "");
        int q = content.indexOf("FLAT \"");
        return q < 0 ? "" : content.substring(q + 6, content.indexOf('"', q + 6));
    }

    private String[] move(String from, String to) {
        if (!files.containsKey(from)) {
            return fail(1, "mv: cannot stat '" + from + "': No such file or directory\n");
        }
        if (!files.containsKey(to)) {
            files.put(to, files.remove(from));
        }
        return ok("");
    }

    private String[] withVm(String nameOrUuid, java.util.function.Function<Vm, String[]> action) {
        Vm vm = vms.get(nameOrUuid);
        if (vm == null) {
            vm = vms.values().stream().filter(v -> v.name.equals(nameOrUuid)).findFirst().orElse(null);
        }
        if (vm == null) {
            return fail(1, "VBoxManage: error: Could not find a registered machine named '" + nameOrUuid + "'\n"
                    + "VBoxManage: error: Details: code VBOX_E_OBJECT_NOT_FOUND (0x80bb0001), component VirtualBoxWrap, interface IVirtualBox, callee nsISupports\n"
                    + "VBoxManage: error: Context: \"FindMachine(Bstr(VMNameOrUuid).raw(), machine.asOutParam())\" at line 2962 of file VBoxManageInfo.cpp\n");
        }
        if (vm.acpiPollsLeft > 0 && --vm.acpiPollsLeft == 0) {
            vm.state = "poweroff"; // the guest finished shutting down
            vm.acpiPollsLeft = -1;
        }
        return action.apply(vm);
    }

    private String[] startVm(Vm vm) {
        if (!vm.state.equals("poweroff") && !vm.state.equals("aborted") && !vm.state.equals("saved")) {
            return fail(1, "VBoxManage: error: The machine '" + vm.name + "' is already locked by a session (or being locked or unlocked)\n"
                    + "VBoxManage: error: Details: code VBOX_E_INVALID_OBJECT_STATE (0x80bb0007), component MachineWrap, interface IMachine, callee nsISupports\n"
                    + "VBoxManage: error: Context: \"LaunchVMProcess(a->session, sessionType.raw(), ComSafeArrayAsInParam(aBstrEnv), progress.asOutParam())\" at line 881 of file VBoxManageMisc.cpp\n");
        }
        String waiting = "Waiting for VM \"" + vm.name + "\" to power on...\n";
        for (String path : vm.slots.values()) {
            if (path.equals("emptydrive")) {
                continue;
            }
            String opened = openError(path);
            if (opened != null) {
                return new String[] {"1", waiting, "VBoxManage: error: Could not open the medium '" + path + "'.\n"
                        + "VBoxManage: error: VD: error " + opened + " opening image file '" + path + "' (" + opened + ")\n"
                        + "VBoxManage: error: Details: code NS_ERROR_FAILURE (0x80004005), component MediumWrap, interface IMedium\n"};
            }
        }
        vm.state = "running";
        return ok(waiting + "VM \"" + vm.name + "\" has been successfully started.\n");
    }

    /** VERR_FILE_NOT_FOUND / VERR_ACCESS_DENIED for the medium or, for a raw VMDK, its device; null if it opens. */
    private String openError(String path) {
        if (!files.containsKey(path)) {
            return "VERR_FILE_NOT_FOUND";
        }
        String content = files.get(path);
        int q = content.indexOf("FLAT \"");
        if (q >= 0) {
            String device = content.substring(q + 6, content.indexOf('"', q + 6));
            if (!files.containsKey(device)) {
                return "VERR_FILE_NOT_FOUND";
            }
            if (lockedDevices.contains(device)) {
                return "VERR_ACCESS_DENIED";
            }
        }
        return lockedDevices.contains(path) ? "VERR_ACCESS_DENIED" : null;
    }

    private String[] controlVm(Vm vm, String action) {
        if (!vm.state.equals("running") && !vm.state.equals("paused")) {
            return fail(1, "VBoxManage: error: Machine '" + vm.name + "' is not currently running\n");
        }
        switch (action) {
            case "acpipowerbutton" -> {
                if (vm.answersAcpi) {
                    vm.acpiPollsLeft = 2; // the guest takes a couple of polls to shut down
                }
                return ok("");
            }
            case "poweroff" -> {
                vm.state = "poweroff";
                vm.acpiPollsLeft = -1;
                return new String[] {"0", "", "0%...10%...20%...30%...40%...50%...60%...70%...80%...90%...100%\n"};
            }
            default -> {
                return fail(1, "VBoxManage: error: Invalid parameter '" + action + "'\n");
            }
        }
    }

    private String[] storageAttach(Vm vm, List<String> a) {
        String ctl = opt(a, "--storagectl");
        String port = opt(a, "--port");
        String dev = opt(a, "--device");
        String medium = opt(a, "--medium");
        if (!vm.controllerTypes.containsKey(ctl)) {
            return fail(1, "VBoxManage: error: Could not find a controller named '" + ctl + "'\n");
        }
        String key = ctl + "|" + port + "|" + (dev == null ? "0" : dev);
        if (!vm.state.equals("poweroff") && !vm.state.equals("aborted")) {
            return fail(1, "VBoxManage: error: The device slot " + (dev == null ? "0" : dev) + " on port " + port + " of controller '"
                    + ctl + "' does not support hot-plugging\n"
                    + "VBoxManage: error: Details: code VBOX_E_INVALID_VM_STATE (0x80bb0002), component SessionMachine, interface IMachine, callee nsISupports\n"
                    + "VBoxManage: error: Context: \"DetachDevice(Bstr(pszCtl).raw(), port, device)\" at line 421 of file VBoxManageStorageController.cpp\n");
        }
        switch (medium) {
            case "none" -> vm.slots.remove(key);
            case "emptydrive" -> vm.slots.put(key, "emptydrive");
            default -> {
                if (!files.containsKey(medium)) {
                    return fail(1, "VBoxManage: error: Could not find file for the medium '" + medium + "' (VERR_FILE_NOT_FOUND)\n");
                }
                media.computeIfAbsent(medium, p -> new Medium(UUID.nameUUIDFromBytes(p.getBytes()).toString(), p, "normal"));
                if ("writethrough".equals(opt(a, "--mtype"))) {
                    Medium m = media.get(medium);
                    media.put(medium, new Medium(m.uuid(), m.path(), "writethrough"));
                }
                vm.slots.put(key, medium);
            }
        }
        return ok("");
    }

    /**
     * {@code snapshot <vm> take <name>}: every hard disk of a "normal" type gets a differencing image in the VM's
     * Snapshots folder, which takes its place in the slot; a writethrough one stays (snapshots leave it out) but
     * the snapshot refers to it, so it cannot be closed any more (captured: closemedium-delete-snapshot-in-use).
     */
    private String[] snapshot(Vm vm, List<String> a) {
        if (a.size() < 4 || !a.get(2).equals("take")) {
            return fail(1, "VBoxManage: error: Fake supports only snapshot <vm> take <name>\n");
        }
        String name = a.get(3);
        vm.snapshots.add(name);
        for (Map.Entry<String, String> e : vm.slots.entrySet()) {
            Medium m = media.get(e.getValue());
            if (m == null || m.path().toLowerCase(java.util.Locale.ROOT).endsWith(".iso")) {
                continue;
            }
            vm.snapshotMedia.add(m.path());
            if (m.type().equals("normal")) {
                String uuid = UUID.nameUUIDFromBytes((m.uuid() + "/" + name).getBytes()).toString();
                String diff = "/home/admin/VirtualBox VMs/" + vm.name + "/Snapshots/{" + uuid + "}.vmdk";
                media.put(diff, new Medium(uuid, diff, "normal"));
                parents.put(diff, m.uuid());
                files.put(diff, "KDMV"); // a sparse VMDK: binary, no text descriptor
                e.setValue(diff);
            }
        }
        return ok("Snapshot taken. UUID: " + UUID.nameUUIDFromBytes((vm.uuid + "/" + name).getBytes()) + "\n");
    }

    private String[] closeMedium(List<String> a) {
        String path = a.get(2);
        boolean delete = a.contains("--delete");
        if (!media.containsKey(path)) {
            if (!files.containsKey(path)) {
                return fail(1, "VBoxManage: error: Could not find file for the medium '" + path + "' (VERR_FILE_NOT_FOUND)\n");
            }
            media.put(path, new Medium(UUID.nameUUIDFromBytes(path.getBytes()).toString(), path, "normal"));
        }
        List<Vm> users = vms.values().stream().filter(vm -> vm.slots.containsValue(path) || vm.snapshotMedia.contains(path)).toList();
        if (!users.isEmpty()) {
            // as VBoxManage 7.2 prints it (captured: fixtures/vbox/7.2/closemedium-delete-in-use.txt)
            String close = "VBoxManage: error: Medium '" + path + "' cannot be closed because it is still attached to " + users.size()
                    + " virtual machines\n"
                    + "VBoxManage: error: Details: code VBOX_E_OBJECT_IN_USE (0x80bb000c), component MediumWrap, interface IMedium, callee nsISupports\n"
                    + "VBoxManage: error: Context: \"Close()\" at line 1877 of file VBoxManageDisk.cpp\n";
            String deleting = "VBoxManage: error: Cannot delete storage: medium '" + path + "' is still attached to the following "
                    + users.size() + " virtual machine(s): " + String.join(", ", users.stream().map(v -> v.uuid).toList()) + "\n"
                    + "VBoxManage: error: Details: code VBOX_E_OBJECT_IN_USE (0x80bb000c), component MediumWrap, interface IMedium, callee nsISupports\n"
                    + "VBoxManage: error: Context: \"DeleteStorage(pProgress.asOutParam())\" at line 1868 of file VBoxManageDisk.cpp\n"
                    + "VBoxManage: error: Failed to delete medium. Error code VBOX_E_OBJECT_IN_USE\n";
            return fail(1, (delete ? deleting : "") + close);
        }
        media.remove(path);
        if (delete) {
            files.remove(path); // a raw VMDK's --delete removes the descriptor only, never the device
            return new String[] {"0", "", "0%...10%...20%...30%...40%...50%...60%...70%...80%...90%...100%\n"};
        }
        return ok("");
    }

    private String[] createMedium(List<String> a) {
        if (!version.startsWith("7")) {
            return fail(1, "VBoxManage: error: Invalid medium variant 'RawDisk'\n");
        }
        String prop = opt(a, "--property");
        if (!"RawDisk".equals(opt(a, "--variant")) || prop == null || !prop.startsWith("RawDrive=")) {
            return fail(1, "VBoxManage: error: Fake supports only --variant RawDisk --property RawDrive=...\n");
        }
        return writeRawVmdk(opt(a, "--filename"), prop.substring("RawDrive=".length()), true);
    }

    private String[] createRawVmdk6(List<String> a) {
        return writeRawVmdk(opt(a, "-filename"), opt(a, "-rawdisk"), false);
    }

    private String[] writeRawVmdk(String vmdk, String device, boolean v7) {
        if (!files.containsKey(device)) {
            return v7 ? new String[] {"1", "0%...VBOX_E_FILE_ERROR\n", "VBoxManage: error: Failed to create medium\n"
                    + "VBoxManage: error: Could not create the medium storage unit '" + vmdk + "'.\n"
                    + "VBoxManage: error: VMDK: Image path: '" + vmdk + "'. Failed to open the raw drive '" + device
                    + "' for reading (VERR_FILE_NOT_FOUND) (VERR_FILE_NOT_FOUND).\n"
                    + "VBoxManage: error: VMDK: could not create raw descriptor for '" + vmdk + "' (VERR_FILE_NOT_FOUND)\n"
                    + "VBoxManage: error: Details: code VBOX_E_FILE_ERROR (0x80bb0004), component MediumWrap, interface IMedium\n"
                    + "VBoxManage: error: Context: \"RTEXITCODE handleCreateMedium(HandlerArg*)\" at line 630 of file VBoxManageDisk.cpp\n"}
                    : fail(1, "VBoxManage: error: Cannot open the raw disk '" + device + "': VERR_FILE_NOT_FOUND\n");
        }
        if (files.containsKey(vmdk)) {
            return fail(1, "VBoxManage: error: Failed to create the VMDK '" + vmdk + "': VERR_ALREADY_EXISTS\n");
        }
        String uuid = UUID.nameUUIDFromBytes(vmdk.getBytes()).toString();
        files.put(vmdk, FakeShowVmInfo.fullDeviceDescriptor(device, deviceSizes.getOrDefault(device, 1L << 30), uuid));
        media.put(vmdk, new Medium(uuid, vmdk, "normal"));
        return ok(v7 ? "Medium created. UUID: " + uuid + "\n" : "RAW host disk access VMDK file " + vmdk + " created successfully.\n");
    }

    private static String opt(List<String> a, String name) {
        int i = a.indexOf(name);
        return i >= 0 && i + 1 < a.size() ? a.get(i + 1) : null;
    }

    private static String[] ok(String out) {
        return new String[] {"0", out, ""};
    }

    private static String[] fail(int exit, String err) {
        return new String[] {Integer.toString(exit), "", err};
    }
}
