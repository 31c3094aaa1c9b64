package dev.jitterbug.config;

/** Hears about the retry config; called on the service's scheduler, one call at a time. */
public interface RetryConfigListener {
    /** A new document is in force: the next reconnect wait already uses it. */
    void retryConfigChanged(RetryConfigStatus status);

    /** Only the status changed (a fetch confirmed the document, or failed): for the UI. */
    default void retryConfigStatusChanged(RetryConfigStatus status) {
    }
}
