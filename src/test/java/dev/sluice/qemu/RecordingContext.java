package dev.sluice.qemu;

import dev.sluice.task.Progress;
import dev.sluice.task.TaskContext;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** A TaskContext that keeps every progress report. */
public final class RecordingContext implements TaskContext {
    private final List<Progress> reports = new CopyOnWriteArrayList<>();

    @Override
    public void progress(Progress p) {
        reports.add(p);
    }

    @Override
    public boolean isCancelled() {
        return false;
    }

    @Override
    public void onCancel(Runnable action) {
    }

    public List<Progress> reports() {
        return reports;
    }

    public List<Long> done() {
        return reports.stream().map(Progress::done).toList();
    }
}
