package dev.sluice.ui.migration;

import dev.sluice.ui.common.I18n;
import dev.sluice.ui.common.Sizes;
import dev.sluice.zfs.Dataset;
import dev.sluice.zfs.KeyStatus;
import java.util.List;

/** The target page's sentences: free space against the estimate, and what the target's encryption means. */
final class TargetFacts {
    private TargetFacts() {
    }

    static boolean fits(Dataset parent, long estimate) {
        return parent.available() < 0 || estimate <= parent.available();
    }

    static String space(Dataset parent, long estimate) {
        return I18n.t(fits(parent, estimate) ? "migrate.target.spaceOk" : "migrate.target.spaceShort",
                Sizes.human(parent.available()), Sizes.human(estimate));
    }

    static String encryption(Dataset parent, List<Dataset> sources, boolean raw) {
        boolean sourceEncrypted = sources.stream().anyMatch(Dataset::isEncrypted);
        if (raw) {
            return I18n.t(sourceEncrypted ? "migrate.enc.rawEncrypted" : "migrate.enc.rawPlain");
        }
        if (!parent.isEncrypted()) {
            return I18n.t(sourceEncrypted ? "migrate.enc.plainLosesEncryption" : "migrate.enc.plain", parent.name());
        }
        if (parent.keyStatus() == KeyStatus.UNAVAILABLE) {
            return I18n.t("migrate.enc.keyNotLoaded", parent.name(), parent.encryptionRoot());
        }
        return I18n.t("migrate.enc.inherits", parent.name(), parent.encryption(), parent.encryptionRoot());
    }
}
