package dev.sluice.ui.common;

import java.util.function.Supplier;
import javafx.scene.control.Control;
import javafx.scene.control.Tooltip;
import javafx.scene.input.MouseEvent;

/**
 * A table cell's or row's tooltip, made when the mouse first comes over it rather than at each item change.
 * A {@link Tooltip} is a popup window with its own scene and CSS (about 1 ms each): made in
 * {@code updateItem}, a sort or a filter of a big table made one per visible cell and spent most of its frame
 * there. Call {@link #update} from {@code updateItem}; the text comes from {@code text} (null: no tooltip).
 */
public final class HoverTooltip {
    private final Control owner;
    private final Supplier<String> text;
    private Tooltip tip;

    private HoverTooltip(Control owner, Supplier<String> text) {
        this.owner = owner;
        this.text = text;
        // the tooltip's own handlers react to MOUSE_MOVED, which follows the entry
        owner.addEventHandler(MouseEvent.MOUSE_ENTERED, e -> update(true));
    }

    public static HoverTooltip on(Control owner, Supplier<String> text) {
        return new HoverTooltip(owner, text);
    }

    /** The item changed: a tooltip already made shows the new text (or goes); none is made here. */
    public void update() {
        update(false);
    }

    private void update(boolean make) {
        String t = text.get();
        if (t == null) {
            if (owner.getTooltip() != null) {
                owner.setTooltip(null);
            }
            return;
        }
        if (tip == null) {
            if (!make) {
                return;
            }
            tip = new Tooltip(t);
        } else if (!t.equals(tip.getText())) {
            tip.setText(t);
        }
        if (owner.getTooltip() != tip) {
            owner.setTooltip(tip);
        }
    }
}
