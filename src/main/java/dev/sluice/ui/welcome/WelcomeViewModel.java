package dev.sluice.ui.welcome;

import dev.sluice.host.probe.Check;
import dev.sluice.host.probe.HostReport;
import dev.sluice.ui.common.I18n;
import java.util.ArrayList;
import java.util.List;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

/**
 * The first-run welcome: what Sluice found on the host (zfs and its version, privilege, the VM tools,
 * /dev/zvol) and, for each miss, what to do. Built from the host probe's report; nothing runs here.
 */
public final class WelcomeViewModel {

    /** One line of the checklist: what was checked, whether it is fine, and the detail or the fix. */
    public record Row(String what, Check.Status status, String detail) {
        public boolean ok() {
            return status == Check.Status.OK;
        }
    }

    private final ObservableList<Row> rows = FXCollections.observableArrayList();
    private final ReadOnlyBooleanWrapper allGood = new ReadOnlyBooleanWrapper();
    private final String hostName;

    public WelcomeViewModel(HostReport report, Check zvolAccess) {
        this.hostName = report.hostName();
        List<Row> out = new ArrayList<>();
        out.add(row(I18n.t("welcome.check.zfs"), report.zfs()));
        out.add(row(I18n.t("welcome.check.privilege"), report.privilege()));
        out.add(row(I18n.t("welcome.check.zvol"), zvolAccess));
        out.add(row("VBoxManage", report.vboxManage()));
        out.add(row("qemu-img", report.qemuImg()));
        out.add(row("qemu-system-x86_64", report.qemuSystem()));
        out.add(row("libvirt", report.libvirt()));
        rows.setAll(out);
        // ZFS, privilege and zvol access are needed; each hypervisor's tools only for its own guests
        allGood.set(out.subList(0, 3).stream().allMatch(r -> r.status() != Check.Status.MISSING));
    }

    private static Row row(String what, Check c) {
        String detail = c.ok() ? c.versionText().orElse(I18n.t("welcome.found")) : c.fix();
        return new Row(what, c.status(), detail == null ? "" : detail);
    }

    public ObservableList<Row> rows() {
        return rows;
    }

    /** Nothing Sluice needs is missing (warnings such as "no zvols yet" are fine; a hypervisor is needed only for its guests). */
    public ReadOnlyBooleanProperty allGoodProperty() {
        return allGood.getReadOnlyProperty();
    }

    public String title() {
        return I18n.t("welcome.title");
    }

    public String summary() {
        return allGood.get() ? I18n.t("welcome.summary.ok", hostName) : I18n.t("welcome.summary.fix", hostName);
    }
}
