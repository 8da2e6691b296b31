package dev.sluice.ui.images;

import dev.sluice.qemu.ImageInfo;
import dev.sluice.qemu.ImageSnapshot;
import dev.sluice.qemu.LibraryImage;
import dev.sluice.ui.common.I18n;
import java.util.stream.Collectors;

/** How an image's info reads in the table: backing chain, snapshots, status. */
final class ImageText {
    private ImageText() {
    }

    static String backing(LibraryImage i) {
        return i.info().map(ImageText::chain).orElse("");
    }

    static String chain(ImageInfo info) {
        if (info.backingChain().isEmpty()) {
            return info.backingFile().map(f -> "→ " + f).orElse("—");
        }
        return info.backingChain().stream().map(b -> "→ " + name(b.filename()) + " (" + b.format() + ")")
                .collect(Collectors.joining(" "));
    }

    static String snapshots(LibraryImage i) {
        return i.info().map(info -> info.snapshots().isEmpty() ? "—"
                : info.snapshots().size() + ": " + info.snapshots().stream().map(ImageSnapshot::name).collect(Collectors.joining(", ")))
                .orElse("");
    }

    /** "ok", "dirty", "corrupt", "encrypted", or the reason qemu-img could not read it. */
    static String status(LibraryImage i) {
        if (i.info().isEmpty()) {
            return i.problem().orElse("?");
        }
        ImageInfo info = i.info().get();
        if (info.corrupt()) {
            return I18n.t("images.status.corrupt");
        }
        if (info.dirty()) {
            return I18n.t("images.status.dirty");
        }
        return info.encrypted() ? I18n.t("images.status.encrypted") : I18n.t("images.status.ok");
    }

    static String styleOf(LibraryImage i) {
        if (i.info().isEmpty() || i.info().get().corrupt()) {
            return "image-bad";
        }
        return i.info().get().dirty() ? "image-warn" : "image-ok";
    }

    static String name(String path) {
        return path == null ? "" : path.substring(path.lastIndexOf('/') + 1);
    }
}
