package dev.sluice.ui.volumes;

import dev.sluice.ui.common.I18n;
import dev.sluice.ui.common.Sizes;
import dev.sluice.ui.common.dialogs.Verdict;
import dev.sluice.zfs.Dataset;
import dev.sluice.zfs.InvalidSizeException;
import dev.sluice.zfs.ZfsNames;
import dev.sluice.zfs.ZfsSizes;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import javafx.beans.binding.Bindings;
import javafx.beans.binding.BooleanBinding;
import javafx.beans.binding.ObjectBinding;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

/**
 * What the "New zvol" dialog edits, checked live: the name against ZFS's naming rules and existing
 * datasets, the size as ZFS would parse it (and against the block size and, for a thick volume, the
 * free space), so the user sees the problem in words before anything runs.
 */
public final class CreateZvolForm {

    /** A new zvol either inherits its parent's encryption, or becomes its own encryption root. */
    public enum Encryption { INHERIT, NEW_PASSPHRASE }

    /** 0 means "let ZFS choose" (16K since OpenZFS 2.2, 8K before). */
    public static final List<Long> BLOCK_SIZES = List.of(0L, 4096L, 8192L, 16384L, 32768L, 65536L, 131072L);

    private final Map<String, Dataset> existing;
    private final long defaultBlockSize;
    private final ObservableList<String> parents = FXCollections.observableArrayList();
    private final StringProperty parent = new SimpleStringProperty(this, "parent", "");
    private final StringProperty name = new SimpleStringProperty(this, "name", "");
    private final StringProperty size = new SimpleStringProperty(this, "size", "");
    private final BooleanProperty thin = new SimpleBooleanProperty(this, "thin", true);
    private final ObjectProperty<Long> blockSize = new SimpleObjectProperty<>(this, "blockSize", 0L);
    private final ObjectProperty<Encryption> encryption = new SimpleObjectProperty<>(this, "encryption", Encryption.INHERIT);
    private final ObjectBinding<Verdict> nameVerdict;
    private final ObjectBinding<Verdict> sizeVerdict;
    private final ObjectBinding<String> encryptionNote;
    private final BooleanBinding valid;

    /**
     * @param datasets the filesystems and volumes that exist now (parents are the filesystems)
     * @param defaultBlockSize what ZFS uses when no volblocksize is given on this host
     * @param preferredParent where the selection was, or null
     */
    public CreateZvolForm(List<Dataset> datasets, long defaultBlockSize, String preferredParent) {
        this.existing = datasets.stream().collect(Collectors.toMap(Dataset::name, Function.identity(), (a, b) -> a));
        this.defaultBlockSize = defaultBlockSize;
        parents.setAll(datasets.stream().filter(d -> !d.isVolume()).map(Dataset::name)
                .filter(n -> !dev.sluice.ui.common.InternalDatasets.isInternal(n)).sorted().toList());
        if (preferredParent != null && parents.contains(preferredParent)) {
            parent.set(preferredParent);
        } else if (!parents.isEmpty()) {
            parent.set(parents.get(0));
        }
        nameVerdict = Bindings.createObjectBinding(this::checkName, parent, name);
        sizeVerdict = Bindings.createObjectBinding(this::checkSize, size, blockSize, thin, parent);
        encryptionNote = Bindings.createObjectBinding(this::describeEncryption, parent, encryption);
        valid = Bindings.createBooleanBinding(() -> nameVerdict.get().ok() && sizeVerdict.get().ok(), nameVerdict, sizeVerdict);
    }

    private Verdict checkName() {
        String n = name.get() == null ? "" : name.get().strip();
        if (n.isEmpty()) {
            return Verdict.problem(I18n.t("volumes.create.name.empty"));
        }
        if (parent.get() == null || parent.get().isEmpty()) {
            return Verdict.problem(I18n.t("volumes.create.parent.missing"));
        }
        if (n.indexOf('/') >= 0) {
            return Verdict.problem(I18n.t("volumes.create.name.slash"));
        }
        String full = fullName();
        String problem = ZfsNames.problem(full);
        if (problem != null) {
            return Verdict.problem(problem);
        }
        if (existing.containsKey(full)) {
            return Verdict.problem(I18n.t("volumes.create.name.exists", full));
        }
        Dataset p = existing.get(parent.get());
        if (p != null && p.isEncrypted() && p.keyStatus() == dev.sluice.zfs.KeyStatus.UNAVAILABLE) {
            // zfs refuses to create anything under a locked dataset; say so before it runs
            return Verdict.problem(I18n.t("volumes.create.parent.locked", p.encryptionRoot() == null ? p.name() : p.encryptionRoot()));
        }
        return Verdict.ok(I18n.t("volumes.create.name.ok", full));
    }

    private Verdict checkSize() {
        String s = size.get() == null ? "" : size.get().strip();
        long bytes;
        try {
            bytes = ZfsSizes.parseVolumeSize(s, effectiveBlockSize());
        } catch (InvalidSizeException e) {
            return Verdict.problem(e.getMessage());
        }
        Dataset p = existing.get(parent.get());
        if (!thin.get() && p != null && p.available() >= 0 && bytes > p.available()) {
            return Verdict.problem(I18n.t("volumes.create.size.noSpace", Sizes.human(bytes), Sizes.human(p.available()), parent.get()));
        }
        return Verdict.ok(I18n.t(thin.get() ? "volumes.create.size.okThin" : "volumes.create.size.okThick", Sizes.human(bytes)));
    }

    private String describeEncryption() {
        if (encryption.get() == Encryption.NEW_PASSPHRASE) {
            return I18n.t("volumes.create.encryption.newNote");
        }
        Dataset p = existing.get(parent.get());
        if (p != null && p.isEncrypted()) {
            return I18n.t("volumes.create.encryption.inheritEncrypted", p.encryptionRoot() == null ? p.name() : p.encryptionRoot(), p.encryption());
        }
        return I18n.t("volumes.create.encryption.inheritPlain");
    }

    public long effectiveBlockSize() {
        return blockSize.get() == null || blockSize.get() == 0 ? defaultBlockSize : blockSize.get();
    }

    public String fullName() {
        return parent.get() + "/" + (name.get() == null ? "" : name.get().strip());
    }

    /** The size in bytes; call only when {@link #validProperty()} is true. */
    public long sizeBytes() {
        try {
            return ZfsSizes.parseVolumeSize(size.get().strip(), effectiveBlockSize());
        } catch (InvalidSizeException e) {
            throw new IllegalStateException("size checked before use", e);
        }
    }

    /** The block size to pass with {@code -b}, or 0 to let ZFS choose. */
    public long explicitBlockSize() {
        return blockSize.get() == null ? 0 : blockSize.get();
    }

    public long defaultBlockSize() {
        return defaultBlockSize;
    }

    public ObservableList<String> parents() {
        return parents;
    }

    public StringProperty parentProperty() {
        return parent;
    }

    public StringProperty nameProperty() {
        return name;
    }

    public StringProperty sizeProperty() {
        return size;
    }

    public BooleanProperty thinProperty() {
        return thin;
    }

    public ObjectProperty<Long> blockSizeProperty() {
        return blockSize;
    }

    public ObjectProperty<Encryption> encryptionProperty() {
        return encryption;
    }

    public ObjectBinding<Verdict> nameVerdictProperty() {
        return nameVerdict;
    }

    public ObjectBinding<Verdict> sizeVerdictProperty() {
        return sizeVerdict;
    }

    public ObjectBinding<String> encryptionNoteProperty() {
        return encryptionNote;
    }

    public BooleanBinding validProperty() {
        return valid;
    }

    public boolean newEncryption() {
        return encryption.get() == Encryption.NEW_PASSPHRASE;
    }
}
