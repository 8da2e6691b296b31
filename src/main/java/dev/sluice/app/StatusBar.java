package dev.sluice.app;

import dev.sluice.host.Host;
import dev.sluice.host.probe.Check;
import dev.sluice.host.probe.HostReport;
import dev.sluice.ui.common.I18n;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import javafx.scene.control.Label;
import javafx.scene.control.ProgressIndicator;
import javafx.scene.control.Separator;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.shape.Circle;
import javafx.util.Duration;

/**
 * The bottom line: which host is connected, its {@code zfs version}, whether VBoxManage, qemu-img
 * and qemu-system-x86_64 were found, and the privilege mode. Each item's tooltip carries the fix.
 */
final class StatusBar {
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH:mm:ss").withZone(ZoneId.systemDefault());

    private final MainViewModel vm;
    private final Label host = item("status-host");
    private final Label zfs = item("status-zfs");
    private final Label vbox = item("status-vbox");
    private final Label qemuImg = item("status-qemu-img");
    private final Label qemuSystem = item("status-qemu-system");
    private final Label libvirt = item("status-libvirt");
    private final Label privilege = item("status-privilege");
    private final Label checked = item("status-checked");
    private final ProgressIndicator busy = new ProgressIndicator();

    StatusBar(MainViewModel vm, HBox bar) {
        this.vm = vm;
        busy.setPrefSize(14, 14);
        busy.setMaxSize(14, 14);
        busy.visibleProperty().bind(vm.probingProperty());
        Region spacer = new Region();
        HBox.setHgrow(spacer, Priority.ALWAYS);
        bar.getChildren().setAll(host, new Separator(javafx.geometry.Orientation.VERTICAL), zfs, vbox, qemuImg, qemuSystem,
                libvirt, privilege, spacer, busy, checked);
        vm.reportProperty().addListener((o, a, r) -> update());
        vm.probingProperty().addListener((o, a, p) -> update());
        vm.selectedHostProperty().addListener((o, a, h) -> update());
        vm.runnerProperty().addListener((o, a, r) -> update());
        update();
    }

    private static Label item(String id) {
        Label l = new Label();
        l.setId(id);
        l.setGraphicTextGap(6);
        return l;
    }

    private void update() {
        Host h = vm.selectedHostProperty().get();
        HostReport r = vm.reportProperty().get();
        String hostName = h == null ? "" : MainWindow.hostLabel(h);
        boolean connected = vm.runnerProperty().get() != null
                && (r == null || r.zfs().issue() != dev.sluice.host.probe.Issue.HOST_UNREACHABLE);
        String hostTip = connected ? I18n.t("app.status.hostTip", hostName)
                : r != null ? ReportText.tooltip(r.zfs(), r) : I18n.t("app.host.notConnected");
        set(host, I18n.t("app.status.host", hostName), connected ? "ok" : "missing", hostTip);
        if (r == null) {
            String waiting = vm.probingProperty().get() ? I18n.t("app.status.probing") : I18n.t("app.status.unknown");
            for (Label l : new Label[] {zfs, vbox, qemuImg, qemuSystem, libvirt, privilege}) {
                set(l, "", "unknown", null);
                l.setVisible(false);
                l.setManaged(false);
            }
            zfs.setVisible(true);
            zfs.setManaged(true);
            set(zfs, waiting, "unknown", null);
            checked.setText("");
            return;
        }
        for (Label l : new Label[] {zfs, vbox, qemuImg, qemuSystem, libvirt, privilege}) {
            l.setVisible(true);
            l.setManaged(true);
        }
        check(zfs, r.zfs(), r, ReportText.statusText(r.zfs()));
        check(vbox, r.vboxManage(), r, ReportText.statusText(r.vboxManage()));
        check(qemuImg, r.qemuImg(), r, ReportText.statusText(r.qemuImg()));
        check(qemuSystem, r.qemuSystem(), r, ReportText.statusText(r.qemuSystem()));
        check(libvirt, r.libvirt(), r, ReportText.statusText(r.libvirt()));
        check(privilege, r.privilege(), r, ReportText.privilegeText(r.privilege()));
        checked.setText(I18n.t("app.status.checked", TIME.format(r.probedAt())));
    }

    // A missing VM tool only matters for that kind of guest: amber, where a missing zfs is red.
    private static void check(Label l, Check c, HostReport r, String text) {
        boolean optional = c != r.zfs() && c != r.privilege() && c.status() == Check.Status.MISSING;
        boolean unknown = c.issue() == dev.sluice.host.probe.Issue.HOST_UNREACHABLE;
        set(l, text, unknown ? "unknown" : optional ? "optional" : c.status().name().toLowerCase(Locale.ROOT), ReportText.tooltip(c, r));
    }

    private static void set(Label l, String text, String state, String tip) {
        l.setText(text);
        Circle dot = new Circle(4);
        dot.getStyleClass().addAll("status-dot", state);
        l.setGraphic(dot);
        if (tip == null) {
            l.setTooltip(null);
        } else {
            Tooltip t = new Tooltip(tip);
            t.setWrapText(true);
            t.setMaxWidth(520);
            t.setShowDelay(Duration.millis(250));
            t.setShowDuration(Duration.seconds(30));
            l.setTooltip(t);
        }
    }
}
