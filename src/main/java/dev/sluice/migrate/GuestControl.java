package dev.sluice.migrate;

import java.util.List;

/**
 * The hypervisor side of a migration, the same for VirtualBox and QEMU: stop and start the guest,
 * take its disk away from the old device and give it the new one. Each action also says, as argv
 * lines, what it will run, for the review page.
 */
public interface GuestControl {

    String describe();

    /** What makes a move of this guest's disk impossible, found before anything changes. */
    default List<String> planRefusals() throws Exception {
        return List.of();
    }

    boolean isRunning() throws Exception;

    void stop(StepContext ctx) throws Exception;

    void start() throws Exception;

    /**
     * Disconnects the disk from {@code device} (VirtualBox: detach and delete the raw VMDK descriptor; QEMU: nothing
     * for the old device, and the drive pointed back at the old device when {@code device} is the new one). Safe to
     * run again: a migration resumed after a crash may find it done.
     */
    void detach(String device) throws Exception;

    /** Connects the disk to {@code device} (VirtualBox: a new raw VMDK, attached writethrough; QEMU: the drive re-pointed). */
    void attach(String device) throws Exception;

    List<List<String>> stopCommands();

    /** The start as it will run once the disk is on {@code device}. */
    List<List<String>> startCommands(String device) throws Exception;

    List<List<String>> detachCommands(String device);

    List<List<String>> attachCommands(String device);

    /** A migration of a zvol that no VM uses. */
    GuestControl NONE = new GuestControl() {
        @Override
        public String describe() {
            return MigrationText.t("migrate.guest.none");
        }

        @Override
        public boolean isRunning() {
            return false;
        }

        @Override
        public void stop(StepContext ctx) {
        }

        @Override
        public void start() {
        }

        @Override
        public void detach(String device) {
        }

        @Override
        public void attach(String device) {
        }

        @Override
        public List<List<String>> stopCommands() {
            return List.of();
        }

        @Override
        public List<List<String>> startCommands(String device) {
            return List.of();
        }

        @Override
        public List<List<String>> detachCommands(String device) {
            return List.of();
        }

        @Override
        public List<List<String>> attachCommands(String device) {
            return List.of();
        }
    };
}
