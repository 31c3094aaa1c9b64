package dev.jitterbug.reconnect;

import dev.jitterbug.Failure;
import java.util.ArrayList;
import java.util.List;

/** Records attempts; the test decides how each ends. */
final class FakeSessionConnector implements SessionConnector {
    final List<String> targets = new ArrayList<>();
    /** For each attempt, whether it was resume-only. */
    final List<Boolean> resumeOnly = new ArrayList<>();
    int aborts;
    private Callback pending;

    @Override
    public void connect(String redirect, Callback callback) {
        connect(redirect, false, callback);
    }

    @Override
    public void connect(String redirect, boolean resumeOnly, Callback callback) {
        targets.add(redirect == null ? "usual" : redirect);
        this.resumeOnly.add(resumeOnly);
        pending = callback;
    }

    @Override
    public void abort() {
        aborts++;
        pending = null;
    }

    int attempts() {
        return targets.size();
    }

    boolean attemptRunning() {
        return pending != null;
    }

    void establish(boolean resumed) {
        take().established(resumed);
    }

    void fail(Failure failure) {
        take().failed(failure);
    }

    /** The callback of the attempt that is running, kept so a test can deliver a late answer. */
    Callback current() {
        if (pending == null) {
            throw new IllegalStateException("no attempt is running");
        }
        return pending;
    }

    private Callback take() {
        Callback callback = current();
        pending = null;
        return callback;
    }
}
