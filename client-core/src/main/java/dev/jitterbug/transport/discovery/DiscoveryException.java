package dev.jitterbug.transport.discovery;

import dev.jitterbug.Failure;

/** Endpoint discovery found nothing usable; {@link #failure()} says why, in words for people. */
public final class DiscoveryException extends Exception {
    private final transient Failure failure;

    public DiscoveryException(Failure failure) {
        super(failure.message());
        this.failure = failure;
    }

    public Failure failure() {
        return failure;
    }
}
