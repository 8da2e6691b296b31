package dev.sluice.testbed;

import java.util.Optional;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolutionException;
import org.junit.jupiter.api.extension.ParameterResolver;
import org.junit.platform.commons.support.AnnotationSupport;

/**
 * Hands {@link Testbed} parameters (constructor, {@code @BeforeAll}, test methods) to tests. The
 * first request for a channel boots its guest; the guest lives in the root store, so every class
 * of the JVM shares it, and JUnit stops it when the run ends.
 *
 * <p>A guest that fails to boot fails every test that asks for it, with start.sh's output: with
 * {@code -Ptestbed} a broken testbed must be loud, never a silent skip. The failure is
 * remembered, so the other classes fail at once instead of booting again.
 */
public final class TestbedExtension implements ParameterResolver {

    private static final ExtensionContext.Namespace NS = ExtensionContext.Namespace.create(TestbedExtension.class);

    @Override
    public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
        return parameter.getParameter().getType() == Testbed.class;
    }

    @Override
    public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
        Channel channel = parameter.findAnnotation(OnChannel.class)
                .or(() -> classChannel(context))
                .map(OnChannel::value)
                .orElse(Channel.BACKPORTS);
        ExtensionContext.Store store = context.getRoot().getStore(NS);
        Booted booted = store.getOrComputeIfAbsent(channel, Booted::boot, Booted.class);
        return booted.testbed();
    }

    private static Optional<OnChannel> classChannel(ExtensionContext context) {
        return context.getTestClass().flatMap(c -> AnnotationSupport.findAnnotation(c, OnChannel.class));
    }

    /** A booted guest, or why it would not boot. JUnit closes it when the root context ends. */
    private record Booted(Channel channel, GuestMachine machine, Testbed ready, Exception failure)
            implements AutoCloseable {

        static Booted boot(Channel channel) {
            GuestMachine m = null;
            try {
                m = GuestMachine.boot(channel);
                Testbed t = new Testbed(m);
                System.err.printf("[testbed] %s up in %.1f s (%s, %s, port %d)%n", channel,
                        m.bootTime().toMillis() / 1000.0, t.zfsVersion(), m.accel(), m.port());
                return new Booted(channel, m, t, null);
            } catch (Exception e) {
                if (e instanceof InterruptedException) {
                    Thread.currentThread().interrupt();
                }
                if (m != null) {
                    m.close();
                }
                return new Booted(channel, null, null, e);
            }
        }

        Testbed testbed() {
            if (failure != null) {
                throw new ParameterResolutionException("The " + channel + " testbed is not available: "
                        + failure.getMessage(), failure);
            }
            return ready;
        }

        @Override
        public void close() {
            if (machine != null) {
                machine.close();
            }
        }
    }
}
