package dev.sluice.host.sshd;

import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * One throwaway sshd per test class: {@code @RegisterExtension static SshdExtension SSHD = new SshdExtension();}
 * then {@code SSHD.get()}. Starting it fails the class (never skips it) when not root.
 */
public final class SshdExtension implements BeforeAllCallback, AfterAllCallback {
    private Sshd sshd;

    @Override
    public void beforeAll(ExtensionContext context) throws Exception {
        sshd = Sshd.start();
    }

    @Override
    public void afterAll(ExtensionContext context) throws Exception {
        if (sshd != null) {
            sshd.close();
            sshd = null;
        }
    }

    public Sshd get() {
        if (sshd == null) {
            throw new IllegalStateException("sshd is not running: register SshdExtension as a static @RegisterExtension field");
        }
        return sshd;
    }
}
