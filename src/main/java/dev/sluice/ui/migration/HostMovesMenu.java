package dev.sluice.ui.migration;

import dev.sluice.ui.common.I18n;
import java.util.ArrayList;
import java.util.List;
import java.util.function.BiConsumer;
import java.util.function.Consumer;
import javafx.scene.control.Menu;
import javafx.scene.control.MenuItem;
import javafx.scene.control.SeparatorMenuItem;

/**
 * The other hosts' part of a "Move to ▸" menu, pools grouped by host: one submenu per host, filled with that host's
 * pools the first time it opens ("Loading pools…" until then, the reason if the host cannot answer), and "Options…"
 * for the wizard. The Volumes and VMs menus both use it.
 */
public final class HostMovesMenu {
    private HostMovesMenu() {
    }

    /**
     * One submenu per other host; {@code toPool} (host id, pool) moves in one click, {@code wizard} (host id) opens the
     * wizard on that host.
     */
    public static List<MenuItem> items(HostMoves moves, BiConsumer<String, String> toPool, Consumer<String> wizard) {
        List<MenuItem> out = new ArrayList<>();
        if (moves == null) {
            return out;
        }
        for (MigrationTools.TargetHost h : moves.hosts()) {
            Menu host = new Menu(I18n.t("migrate.menu.onHost", h.name()));
            host.setMnemonicParsing(false);
            host.setId("moveToHost-" + h.id());
            MenuItem options = item(I18n.t("migrate.menu.hostWizard"), () -> wizard.accept(h.id()));
            MenuItem loading = item(I18n.t("migrate.menu.loadingPools"), () -> { });
            loading.setDisable(true);
            host.getItems().addAll(loading, new SeparatorMenuItem(), options);
            boolean[] asked = {false};
            host.setOnShowing(e -> {
                if (asked[0]) {
                    return;
                }
                asked[0] = true;
                moves.pools(h.id(), pools -> {
                    List<MenuItem> items = new ArrayList<>();
                    for (String pool : pools) {
                        items.add(item(pool, () -> toPool.accept(h.id(), pool)));
                    }
                    if (items.isEmpty()) {
                        MenuItem none = item(I18n.t("migrate.menu.noPools"), () -> { });
                        none.setDisable(true);
                        items.add(none);
                    }
                    items.add(new SeparatorMenuItem());
                    items.add(options);
                    host.getItems().setAll(items);
                }, why -> {
                    MenuItem failed = item(why, () -> { });
                    failed.setDisable(true);
                    host.getItems().setAll(failed, new SeparatorMenuItem(), options);
                    asked[0] = false; // ask again next time
                });
            });
            out.add(host);
        }
        return out;
    }

    private static MenuItem item(String text, Runnable action) {
        MenuItem m = new MenuItem(text);
        m.setMnemonicParsing(false); // pool and host names as they are, underscores included
        m.setOnAction(e -> action.run());
        return m;
    }
}
