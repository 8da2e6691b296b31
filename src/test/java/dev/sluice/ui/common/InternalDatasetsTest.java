package dev.sluice.ui.common;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class InternalDatasetsTest {

    @Test
    void theGuardAreaAndItsChildrenAreSluicesOwn() {
        assertTrue(InternalDatasets.isInternal("tank/sluice-guards"));
        assertTrue(InternalDatasets.isInternal("tank/sluice-guards/tank_vm disks_web 1-20260101"));
        assertFalse(InternalDatasets.isInternal("tank"));
        assertFalse(InternalDatasets.isInternal("tank/vm/sluice-guards"), "only the pool's own guard area");
        assertFalse(InternalDatasets.isInternal("tank/sluice-guardsman"));
    }
}
