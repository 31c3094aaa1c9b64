package dev.jitterbug.transport.discovery;

/** Finds the endpoints a domain publishes (XEP-0156). Blocks: call it off the UI and event threads. */
public interface HostMetaFetcher {
    HostMetaLinks fetch() throws DiscoveryException;
}
