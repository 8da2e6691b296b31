package dev.sluice.ui.vms;

import dev.sluice.guest.Guest;
import dev.sluice.guest.GuestHost;
import dev.sluice.guest.Hypervisor;
import dev.sluice.host.Command;
import dev.sluice.host.CommandException;
import dev.sluice.libvirt.LibvirtService;
import dev.sluice.libvirt.VirshCommands;
import dev.sluice.qemu.QemuDrive;
import dev.sluice.qemu.QemuVmDefinition;
import dev.sluice.qemu.QemuVmException;
import dev.sluice.qemu.QemuVmService;
import dev.sluice.qemu.preflight.Preflight;
import dev.sluice.qemu.preflight.PreflightProblem;
import dev.sluice.ui.common.I18n;
import dev.sluice.ui.common.dialogs.CommandPlan;
import dev.sluice.ui.common.dialogs.ConfirmableAction;
import dev.sluice.vbox.StorageAttachment;
import dev.sluice.vbox.StorageController;
import dev.sluice.vbox.VBoxException;
import dev.sluice.vbox.VBoxManageCommands;
import dev.sluice.vbox.VBoxService;
import dev.sluice.vbox.VBoxVm;
import dev.sluice.zfs.ZfsException;
import dev.sluice.zfs.Zvol;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Builds the VMs view's actions for one host: the plan the user confirms (the exact VBoxManage, virsh,
 * qemu-system and zfs commands; QMP messages as details) and the work that does just that.
 * Blocking where it asks the host (preflight, VirtualBox version): call from background tasks.
 */
final class VmActions {
    /** How long the guest gets to answer the ACPI power button before it is powered off. */
    static final Duration STOP_TIMEOUT = Duration.ofSeconds(60);

    private final GuestHost host;

    VmActions(GuestHost host) {
        this.host = host;
    }

    StartCheck startCheck(Guest g) throws CommandException, QemuVmException, VBoxException {
        List<PreflightProblem> problems = switch (g.hypervisor()) {
            case VIRTUALBOX -> host.vbox().preflight(host.vbox().vm(g.id()));
            case QEMU -> host.qemu().preflight(g.id());
            case LIBVIRT -> host.libvirt().preflight(g.libvirt().domain());
        };
        if (!Preflight.blocking(problems).isEmpty()) {
            return new StartCheck(g, problems, null);
        }
        String title = I18n.t("vms.start.title", g.name());
        CommandPlan plan = switch (g.hypervisor()) {
            case VIRTUALBOX -> CommandPlan.of(title, I18n.t("vms.start.sentence.vbox", g.name()),
                    List.of(VBoxManageCommands.startHeadless(g.id())));
            case QEMU -> CommandPlan.of(title, I18n.t("vms.start.sentence.qemu", g.name()),
                    List.of(Command.of(host.qemu().commandLine(g.id()))));
            case LIBVIRT -> CommandPlan.of(title, I18n.t("vms.start.sentence.libvirt", g.name()), List.of(VirshCommands.start(g.id())));
        };
        VBoxService vbox = host.vbox();
        QemuVmService qemu = host.qemu();
        LibvirtService libvirt = host.libvirt();
        ConfirmableAction start = new ConfirmableAction(plan.withConfirmLabel(I18n.t("vms.action.start")), ctx -> {
            switch (g.hypervisor()) {
                case VIRTUALBOX -> vbox.start(g.id());
                case QEMU -> qemu.start(g.id());
                case LIBVIRT -> libvirt.start(g.id());
            }
            return null;
        }, I18n.t("vms.start.done", g.name()));
        return new StartCheck(g, problems, start);
    }

    ConfirmableAction stop(Guest g) {
        long secs = STOP_TIMEOUT.toSeconds();
        String title = I18n.t("vms.stop.title", g.name());
        if (g.hypervisor() == Hypervisor.VIRTUALBOX) {
            CommandPlan plan = CommandPlan.of(title, I18n.t("vms.stop.sentence.vbox", g.name(), secs),
                    List.of(VBoxManageCommands.acpiPowerButton(g.id()), VBoxManageCommands.powerOff(g.id())));
            return new ConfirmableAction(plan.withConfirmLabel(I18n.t("vms.action.stop")), ctx -> {
                ctx.message(I18n.t("vms.stop.waiting", g.name(), secs));
                VBoxService.ShutdownOutcome out = host.vbox().shutdown(g.id(), STOP_TIMEOUT, ctx);
                return out == VBoxService.ShutdownOutcome.ACPI ? I18n.t("vms.stop.graceful", g.name())
                        : I18n.t("vms.stop.forced", g.name(), secs);
            }, I18n.t("vms.stop.graceful", g.name()));
        }
        if (g.hypervisor() == Hypervisor.LIBVIRT) {
            CommandPlan plan = CommandPlan.of(title, I18n.t("vms.stop.sentence.libvirt", g.name(), secs),
                    List.of(VirshCommands.shutdownAcpi(g.id()), VirshCommands.forceOff(g.id())));
            return new ConfirmableAction(plan.withConfirmLabel(I18n.t("vms.action.stop")), ctx -> {
                ctx.message(I18n.t("vms.stop.waiting", g.name(), secs));
                LibvirtService.ShutdownOutcome out = host.libvirt().shutdown(g.id(), STOP_TIMEOUT, ctx);
                return out == LibvirtService.ShutdownOutcome.ACPI ? I18n.t("vms.stop.graceful", g.name())
                        : I18n.t("vms.stop.forced", g.name(), secs);
            }, I18n.t("vms.stop.graceful", g.name()));
        }
        CommandPlan plan = CommandPlan.of(title, I18n.t("vms.stop.sentence.qemu", g.name(), secs), List.of())
                .withDetails(List.of("QMP → {\"execute\":\"system_powerdown\"}", "QMP ← SHUTDOWN (" + secs + " s)",
                        "QMP → {\"execute\":\"quit\"}"));
        return new ConfirmableAction(plan.withConfirmLabel(I18n.t("vms.action.stop")), ctx -> {
            ctx.message(I18n.t("vms.stop.waiting", g.name(), secs));
            QemuVmService.StopOutcome out = host.qemu().stop(g.id(), STOP_TIMEOUT);
            return out == QemuVmService.StopOutcome.GRACEFUL ? I18n.t("vms.stop.graceful", g.name())
                    : I18n.t("vms.stop.forced", g.name(), secs);
        }, I18n.t("vms.stop.graceful", g.name()));
    }

    ConfirmableAction powerOff(Guest g) {
        String title = I18n.t("vms.powerOff.title", g.name());
        List<String> loses = List.of(I18n.t("vms.powerOff.loses"));
        String sentence = I18n.t("vms.powerOff.sentence", g.name());
        CommandPlan plan = switch (g.hypervisor()) {
            case VIRTUALBOX -> CommandPlan.destructive(title, sentence, List.of(VBoxManageCommands.powerOff(g.id())), loses);
            case QEMU -> CommandPlan.destructive(title, sentence, List.of(), List.of(loses.get(0), "QMP → {\"execute\":\"quit\"}"));
            case LIBVIRT -> CommandPlan.destructive(title, sentence, List.of(VirshCommands.forceOff(g.id())), loses);
        };
        return new ConfirmableAction(plan.withConfirmLabel(I18n.t("vms.action.powerOff")), ctx -> {
            switch (g.hypervisor()) {
                case VIRTUALBOX -> host.vbox().powerOff(g.id());
                case QEMU -> host.qemu().powerOff(g.id());
                case LIBVIRT -> host.libvirt().forceOff(g.id());
            }
            return null;
        }, I18n.t("vms.powerOff.done", g.name()));
    }

    static List<AttachSlot> freeSlots(Guest g) {
        List<AttachSlot> out = new ArrayList<>();
        if (g.hypervisor() == Hypervisor.LIBVIRT) {
            return out; // libvirt guests get disks through virsh attach-disk or virt-manager; Sluice gives the XML (Volumes → Copy as libvirt disk)
        }
        if (g.hypervisor() == Hypervisor.QEMU) {
            int next = g.disks().size();
            out.add(new AttachSlot("virtio", next, 0, I18n.t("vms.attach.qemuSlot", next)));
            return out;
        }
        VBoxVm vm = g.vbox();
        for (StorageController c : vm.controllers()) {
            if (c.isFloppy()) {
                continue;
            }
            for (StorageAttachment a : vm.freeSlots(c.name())) {
                out.add(new AttachSlot(c.name(), a.port(), a.device(), c.name() + " " + a.port() + ":" + a.device()));
            }
        }
        return out;
    }

    ConfirmableAction attach(Guest g, Zvol zvol, AttachSlot slot) throws CommandException, VBoxException {
        String title = I18n.t("vms.attach.title");
        if (g.hypervisor() == Hypervisor.VIRTUALBOX) {
            VBoxVm vm = g.vbox();
            String dev = zvol.devicePath();
            String vmdk = vm.folder() + "/" + dev.substring(dev.lastIndexOf('/') + 1) + ".vmdk";
            CommandPlan plan = CommandPlan.of(title, I18n.t("vms.attach.sentence.vbox", zvol.name(), g.name(), slot.label(), vmdk),
                    List.of(VBoxManageCommands.createRawVmdk(host.vbox().version(), vmdk, dev),
                            VBoxManageCommands.attachDisk(vm.uuid(), slot.controller(), slot.port(), slot.device(), vmdk, true)));
            return new ConfirmableAction(plan.withConfirmLabel(I18n.t("vms.action.attach")), ctx -> {
                host.vbox().attachZvol(vm, slot.controller(), slot.port(), slot.device(), dev);
                return null;
            }, I18n.t("vms.attach.done", zvol.name(), g.name()));
        }
        QemuVmDefinition def = g.qemu();
        String file = host.qemu().store().directory().resolve(def.name() + ".vm.json").toString();
        CommandPlan plan = CommandPlan.of(title, I18n.t("vms.attach.sentence.qemu", zvol.name(), g.name(), slot.label(), file), List.of());
        return new ConfirmableAction(plan.withConfirmLabel(I18n.t("vms.action.attach")), ctx -> {
            QemuVmDefinition now = host.qemu().store().find(def.name()).orElse(def);
            List<QemuDrive> drives = new ArrayList<>(now.drives());
            drives.add(QemuDrive.zvol(zvol.devicePath()).withDeclaredSize(zvol.volsize()));
            host.qemu().store().save(now.withDrives(drives));
            return null;
        }, I18n.t("vms.attach.done", zvol.name(), g.name()));
    }

    ConfirmableAction create(CreateQemuVmForm form) throws ZfsException, CommandException {
        String name = form.nameProperty().get().strip();
        String zvolName = form.zvolName();
        String size = form.diskSizeProperty().get().strip();
        boolean thin = form.thinProperty().get();
        int cpus = Integer.parseInt(form.cpusProperty().get().strip());
        int mem = (int) form.memoryMiB();
        Command create = host.zfs().createZvolCommand(zvolName, size, thin, null, Map.of());
        String file = host.qemu().store().directory().resolve(name + ".vm.json").toString();
        CommandPlan plan = CommandPlan.of(I18n.t("vms.create.title"), I18n.t("vms.create.sentence", zvolName, name, file), List.of(create));
        return new ConfirmableAction(plan.withConfirmLabel(I18n.t("vms.action.create")), ctx -> {
            Zvol z = host.zfs().createZvol(zvolName, size, thin, null, Map.of());
            QemuDrive disk = QemuDrive.zvol(z.devicePath()).withDeclaredSize(z.volsize()).withQueues(Math.min(cpus, 8));
            host.qemu().store().save(new QemuVmDefinition(name, cpus, mem, List.of(disk), QemuVmDefinition.Nic.USER,
                    QemuVmDefinition.Display.vnc(freeVncDisplay())));
            return null;
        }, I18n.t("vms.create.done", name, zvolName));
    }

    /** The lowest VNC display no other QEMU VM of this host uses. */
    private int freeVncDisplay() {
        Set<Integer> used = host.qemu().store().list().stream()
                .filter(d -> d.display().kind() == QemuVmDefinition.Display.Kind.VNC)
                .map(d -> d.display().vncDisplay()).collect(Collectors.toSet());
        int n = 0;
        while (used.contains(n) && n < 99) {
            n++;
        }
        return n;
    }
}
