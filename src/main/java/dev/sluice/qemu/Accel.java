package dev.sluice.qemu;

import java.util.Set;

/**
 * Which accelerator a VM runs with. KVM only when {@code /dev/kvm} is usable AND the CPU shows
 * real VMX/SVM: a paravirtual nested KVM ({@code kvm_pvm}) opens /dev/kvm and answers QMP but
 * cannot boot a Linux kernel, so it gets TCG.
 */
public enum Accel {
    KVM("kvm"),
    TCG("tcg");

    private final String qemuName;

    Accel(String qemuName) {
        this.qemuName = qemuName;
    }

    public String qemuName() {
        return qemuName;
    }

    /** Facts gathered on the host ({@link AccelProbe}); the decision is a pure function of them. */
    public record HostFacts(boolean kvmDeviceUsable, Set<String> cpuFlags, boolean pvmModuleLoaded) {
    }

    public static Accel choose(HostFacts f) {
        boolean hardware = f.cpuFlags().contains("vmx") || f.cpuFlags().contains("svm");
        return f.kvmDeviceUsable() && hardware && !f.pvmModuleLoaded() ? KVM : TCG;
    }
}
