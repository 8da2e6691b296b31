package dev.sluice.ui.vms;

import dev.sluice.ui.common.I18n;
import dev.sluice.ui.common.Sizes;
import dev.sluice.ui.common.dialogs.Verdict;
import dev.sluice.zfs.InvalidSizeException;
import dev.sluice.zfs.ZfsNames;
import dev.sluice.zfs.ZfsSizes;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;
import javafx.beans.Observable;
import javafx.beans.binding.Bindings;
import javafx.beans.binding.ObjectBinding;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;

/**
 * "New QEMU VM on a new zvol": name, CPUs, memory, disk size and where the zvol goes, each
 * checked as typed with a sentence saying what is wrong. The zvol is {@code <parent>/<name>-disk0}.
 */
public final class CreateQemuVmForm {
    // the same rule as QemuVmDefinition: safe in file names, QEMU options and socket paths
    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,47}");
    static final long BLOCK = 16 * 1024;

    private final StringProperty name = new SimpleStringProperty("");
    private final StringProperty cpus = new SimpleStringProperty("2");
    private final StringProperty memory = new SimpleStringProperty("2G");
    private final StringProperty diskSize = new SimpleStringProperty("32G");
    private final StringProperty parent = new SimpleStringProperty("");
    private final BooleanProperty thin = new SimpleBooleanProperty(true);
    private final Set<String> existingVms;
    private final Set<String> existingDatasets;
    private final List<String> parents;
    private final ObjectBinding<Verdict> nameVerdict;
    private final ObjectBinding<Verdict> cpusVerdict;
    private final ObjectBinding<Verdict> memoryVerdict;
    private final ObjectBinding<Verdict> sizeVerdict;
    private final ObjectBinding<Verdict> parentVerdict;

    public CreateQemuVmForm(Set<String> existingVms, Set<String> existingDatasets, List<String> parents) {
        this.existingVms = Set.copyOf(existingVms);
        this.existingDatasets = Set.copyOf(existingDatasets);
        this.parents = List.copyOf(parents);
        if (!parents.isEmpty()) {
            parent.set(parents.get(0));
        }
        nameVerdict = verdict(this::checkName, name, parent);
        cpusVerdict = verdict(this::checkCpus, cpus);
        memoryVerdict = verdict(this::checkMemory, memory);
        sizeVerdict = verdict(this::checkSize, diskSize);
        parentVerdict = verdict(this::checkParent, parent);
    }

    private static ObjectBinding<Verdict> verdict(java.util.function.Supplier<Verdict> check, Observable... deps) {
        return Bindings.createObjectBinding(check::get, deps);
    }

    Verdict checkName() {
        String n = name.get().strip();
        if (n.isEmpty()) {
            return Verdict.problem(I18n.t("vms.create.name.empty"));
        }
        if (!NAME.matcher(n).matches()) {
            return Verdict.problem(I18n.t("vms.create.name.chars"));
        }
        if (existingVms.contains(n)) {
            return Verdict.problem(I18n.t("vms.create.name.taken", n));
        }
        if (existingDatasets.contains(zvolName())) {
            return Verdict.problem(I18n.t("vms.create.name.zvolTaken", zvolName()));
        }
        return Verdict.ok(I18n.t("vms.create.name.hint", zvolName()));
    }

    Verdict checkCpus() {
        int n = intOf(cpus.get());
        return n >= 1 && n <= 256 ? Verdict.ok("") : Verdict.problem(I18n.t("vms.create.cpus.range"));
    }

    Verdict checkMemory() {
        long mib = memoryMiB();
        if (mib < 0) {
            return Verdict.problem(I18n.t("vms.create.memory.format"));
        }
        if (mib < 16) {
            return Verdict.problem(I18n.t("vms.create.memory.small"));
        }
        return Verdict.ok(I18n.t("vms.create.memory.hint", mib));
    }

    Verdict checkSize() {
        try {
            long b = ZfsSizes.parseVolumeSize(diskSize.get().strip(), BLOCK);
            return Verdict.ok("= " + Sizes.human(b));
        } catch (InvalidSizeException e) {
            return Verdict.problem(e.getMessage());
        }
    }

    Verdict checkParent() {
        String p = parent.get() == null ? "" : parent.get().strip();
        if (p.isEmpty()) {
            return Verdict.problem(I18n.t("vms.create.parent.empty"));
        }
        String problem = ZfsNames.problem(p);
        return problem == null ? Verdict.ok("") : Verdict.problem(problem);
    }

    private static int intOf(String s) {
        try {
            return Integer.parseInt(s.strip());
        } catch (NumberFormatException e) {
            return -1;
        }
    }

    /** Memory as MiB: a plain number is MiB, or a size with a unit ("2G", "512M"); -1 when unreadable. */
    public long memoryMiB() {
        String m = memory.get().strip();
        if (m.matches("\\d{1,7}")) {
            return Long.parseLong(m);
        }
        try {
            long b = ZfsSizes.parse(m);
            return b % (1L << 20) == 0 ? b >> 20 : -1;
        } catch (InvalidSizeException e) {
            return -1;
        }
    }

    public long diskBytes() {
        try {
            return ZfsSizes.parseVolumeSize(diskSize.get().strip(), BLOCK);
        } catch (InvalidSizeException e) {
            return -1;
        }
    }

    public String zvolName() {
        return parent.get().strip() + "/" + name.get().strip() + "-disk0";
    }

    public boolean valid() {
        return nameVerdict.get().ok() && cpusVerdict.get().ok() && memoryVerdict.get().ok() && sizeVerdict.get().ok()
                && parentVerdict.get().ok();
    }

    /** The first problem, for a test or a status line; "" when the form is valid. */
    public String firstProblem() {
        for (ObjectBinding<Verdict> v : List.of(nameVerdict, cpusVerdict, memoryVerdict, sizeVerdict, parentVerdict)) {
            if (!v.get().ok()) {
                return v.get().message();
            }
        }
        return "";
    }

    public StringProperty nameProperty() {
        return name;
    }

    public StringProperty cpusProperty() {
        return cpus;
    }

    public StringProperty memoryProperty() {
        return memory;
    }

    public StringProperty diskSizeProperty() {
        return diskSize;
    }

    public StringProperty parentProperty() {
        return parent;
    }

    public BooleanProperty thinProperty() {
        return thin;
    }

    public List<String> parents() {
        return parents;
    }

    public ObjectBinding<Verdict> nameVerdict() {
        return nameVerdict;
    }

    public ObjectBinding<Verdict> cpusVerdict() {
        return cpusVerdict;
    }

    public ObjectBinding<Verdict> memoryVerdict() {
        return memoryVerdict;
    }

    public ObjectBinding<Verdict> sizeVerdict() {
        return sizeVerdict;
    }

    public ObjectBinding<Verdict> parentVerdict() {
        return parentVerdict;
    }
}
