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
 *
 * <p>Before a class gets a guest, the guest must run a command within a minute; one that stopped answering
 * (an earlier class exhausted its memory, its kernel hung) is stopped and booted afresh, its console tail printed.
 */
public final class TestbedExtension implements ParameterResolver {

    private static final ExtensionContext.Namespace NS = ExtensionContext.Namespace.create(TestbedExtension.class);
    private static final java.time.Duration HEALTH_LIMIT = java.time.Duration.ofSeconds(60);

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
        prebootOthers(store, channel);
        Booted booted = store.getOrComputeIfAbsent(channel, Booted::boot, Booted.class);
        String testClass = context.getRequiredTestClass().getName();
        if (booted.ready() != null && !testClass.equals(booted.lastClass().getAndSet(testClass))
                && !booted.ready().answers(HEALTH_LIMIT)) {
            // once per class: a guest an earlier class left hung (out of memory, a stuck kernel) is booted afresh,
            // so one broken class does not fail every class after it; the console says what happened
            System.err.printf("[testbed] %s stopped answering on port %d before %s; its console ends with:%n%s%n",
                    channel, booted.machine().port(), testClass, booted.machine().consoleTail(60));
            if (booted.machine().attached()) {
                throw new ParameterResolutionException("The attached " + channel + " testbed does not answer; restart it");
            }
            store.remove(channel, Booted.class).close();
            booted = store.getOrComputeIfAbsent(channel, Booted::boot, Booted.class);
            booted.lastClass().set(testClass);
        }
        return booted.testbed();
    }

    private static final java.util.concurrent.atomic.AtomicBoolean PREBOOTED = new java.util.concurrent.atomic.AtomicBoolean();

    /**
     * With {@code -Dsluice.testbed.preboot=true} (the testbed profile's default: the full run uses every channel) the
     * first guest asked for boots while the other channels' guests boot beside it, each on its own thread, instead of
     * one after the other when a class first asks: a boot is mostly waiting for a TCG guest, so they overlap. A focused
     * run ({@code -Dtest=...}) passes false to boot only what it uses.
     */
    private static void prebootOthers(ExtensionContext.Store store, Channel first) {
        if (!Boolean.getBoolean("sluice.testbed.preboot") || !PREBOOTED.compareAndSet(false, true)) {
            return;
        }
        for (Channel other : Channel.values()) {
            if (other != first) {
                Thread t = new Thread(() -> store.getOrComputeIfAbsent(other, Booted::boot, Booted.class), "preboot " + other);
                t.setDaemon(true);
                t.start();
            }
        }
    }

    private static Optional<OnChannel> classChannel(ExtensionContext context) {
        return context.getTestClass().flatMap(c -> AnnotationSupport.findAnnotation(c, OnChannel.class));
    }

    /** A booted guest, or why it would not boot. JUnit closes it when the root context ends. */
    private record Booted(Channel channel, GuestMachine machine, Testbed ready, Exception failure,
            java.util.concurrent.atomic.AtomicReference<String> lastClass) implements AutoCloseable {

        static Booted boot(Channel channel) {
            GuestMachine m = null;
            try {
                m = GuestMachine.boot(channel);
                Testbed t = new Testbed(m);
                System.err.printf("[testbed] %s up in %.1f s (%s, %s, port %d)%n", channel,
                        m.bootTime().toMillis() / 1000.0, t.zfsVersion(), m.accel(), m.port());
                return new Booted(channel, m, t, null, new java.util.concurrent.atomic.AtomicReference<>());
            } catch (Exception e) {
                if (e instanceof InterruptedException) {
                    Thread.currentThread().interrupt();
                }
                if (m != null) {
                    m.close();
                }
                return new Booted(channel, null, null, e, new java.util.concurrent.atomic.AtomicReference<>());
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
            if (ready != null) {
                ready.close();
            }
            if (machine != null) {
                machine.close();
            }
        }
    }
}
