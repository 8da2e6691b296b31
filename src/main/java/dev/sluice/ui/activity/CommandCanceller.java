package dev.sluice.ui.activity;

/** Reaches a running command by its journal id, so the Activity view can stop it. */
public interface CommandCanceller {

    CommandCanceller NONE = new CommandCanceller() {
        @Override
        public boolean canCancel(long entryId) {
            return false;
        }

        @Override
        public void cancel(long entryId) {
        }
    };

    boolean canCancel(long entryId);

    void cancel(long entryId);
}
