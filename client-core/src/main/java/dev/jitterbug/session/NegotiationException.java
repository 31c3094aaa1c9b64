package dev.jitterbug.session;

import dev.jitterbug.Failure;

/** A login or resumption attempt failed; {@link #failure()} says why, in words for people. */
public final class NegotiationException extends Exception {
    private final transient Failure failure;

    public NegotiationException(Failure failure) {
        super(failure.message());
        this.failure = failure;
    }

    public Failure failure() {
        return failure;
    }
}
