package dev.jitterbug.transport.bosh;

import dev.jitterbug.TransportKind;
import dev.jitterbug.transport.Transport;
import dev.jitterbug.transport.TransportContext;
import dev.jitterbug.transport.TransportType;
import java.net.URI;

/** XMPP over BOSH (XEP-0124, XEP-0206). */
public final class BoshType implements TransportType {
    @Override
    public TransportKind kind() {
        return TransportKind.BOSH;
    }

    @Override
    public String secureScheme() {
        return "https";
    }

    @Override
    public String plainScheme() {
        return "http";
    }

    @Override
    public String discoveryRel() {
        return "urn:xmpp:alt-connections:xbosh";
    }

    @Override
    public Transport create(URI endpoint, TransportContext context) {
        TransportContext.BoshSettings settings = context.bosh();
        return new BoshTransport(context.http(), endpoint.toString(), context.scheduler(), context.planner(),
                context.limits(), settings.waitSeconds(), settings.hold(), settings.initialPollDelayMillis());
    }
}
