package dev.sluice.migrate;

import java.util.List;

/**
 * A guest's definition on the host its disk moves to: written there pointing at the moved zvol ({@link #land}),
 * removed again by a roll back ({@link #unland}, only what {@code land} wrote and only while that guest is off),
 * and started there. See {@link CrossHostGuest}.
 */
public interface Landing {

    String describe();

    /** True when the admin finishes the guest on the target by hand (the plan says how): nothing is started there. */
    default boolean manual() {
        return false;
    }

    /** Defines the guest on the target host with its disk on {@code device}; nothing when that is already so. */
    void land(String device) throws Exception;

    /** Removes the definition {@link #land} wrote for {@code device}; refuses one that runs or points elsewhere. */
    void unland(String device) throws Exception;

    /** A definition of this guest exists on the target host (the one {@link #land} wrote, or one in the way). */
    boolean landed() throws Exception;

    boolean running() throws Exception;

    void start() throws Exception;

    void stop(StepContext ctx) throws Exception;

    List<List<String>> landCommands(String device);

    List<List<String>> startCommands(String device) throws Exception;
}
