package dev.jitterbug.internal.client;

import dev.jitterbug.ClientOptions;
import dev.jitterbug.config.RetryConfig;
import dev.jitterbug.platform.Scheduler;
import dev.jitterbug.reconnect.RetryPlanner;
import dev.jitterbug.transport.HttpProxies;
import dev.jitterbug.transport.TlsTrust;
import dev.jitterbug.transport.TransportContext;
import dev.jitterbug.transport.discovery.EndpointSelector;
import dev.jitterbug.transport.discovery.HostMetaFetcher;
import dev.jitterbug.transport.discovery.HttpHostMetaFetcher;
import dev.jitterbug.transport.discovery.PlainTextRule;
import dev.jitterbug.xml.XmlLimits;
import java.net.URI;
import java.util.UUID;
import java.util.concurrent.Executor;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import okhttp3.Dispatcher;
import okhttp3.Dns;
import okhttp3.OkHttpClient;

/**
 * What one client's connections are made with: its HTTP client (its own, or a shared one, with the account's
 * trust), the login worker that runs the blocking negotiation off the event thread, the endpoint selector, and the
 * device id that names the client's resource. Closes what it owns.
 */
final class ClientResources implements AutoCloseable {
    private static final String DEVICE_KEY = "device-id";

    private final OkHttpClient http;
    private final boolean ownHttp;
    private final ThreadPoolExecutor worker;
    private final Scheduler scheduler;
    private final RetryPlanner planner;
    private final EndpointSelector endpoints;
    private final String deviceId;

    /**
     * @param sharedHttp            an HTTP client shared by many clients, or null for one of our own
     * @param discoveryBaseForTests where discovery reads host-meta instead of https://DOMAIN, or null
     * @param testOnlyDns           how tests resolve names (loopback answers only), or null for the system's
     */
    ClientResources(ClientOptions options, OkHttpClient sharedHttp, Scheduler scheduler, RetryPlanner planner,
            URI discoveryBaseForTests, Dns testOnlyDns) {
        this.ownHttp = sharedHttp == null;
        // Every connection of this client (transports, discovery) goes through this one client, its trust and the
        // account's proxy.
        OkHttpClient.Builder builder = HttpProxies.apply(ownHttp ? ownHttpClient() : sharedHttp.newBuilder(),
                options.proxy());
        if (testOnlyDns != null) {
            builder.dns(testOnlyDns);
        }
        this.http = TlsTrust.apply(builder, options.trustedCertificates()).build();
        // The login worker blocks on the server's answers, so it is the client's own, but only while it works: an
        // idle session keeps no thread for it.
        this.worker = new ThreadPoolExecutor(0, 1, 5, TimeUnit.SECONDS, new LinkedBlockingQueue<>(), runnable -> {
            Thread thread = new Thread(runnable, "jitterbug-login-" + options.jid());
            thread.setDaemon(true);
            return thread;
        });
        this.scheduler = scheduler;
        this.planner = planner;
        String domain = options.jid().domain();
        HostMetaFetcher hostMeta = discoveryBaseForTests == null ? HttpHostMetaFetcher.forDomain(http, domain)
                : HttpHostMetaFetcher.fromLoopbackBaseForTestsOnly(http, discoveryBaseForTests, domain);
        this.endpoints = new EndpointSelector(options.endpoint(), options.transport(),
                PlainTextRule.forAccount(options.insecureUnencryptedConnectionsForThisAccount()), hostMeta, scheduler);
        String stored = options.store().get(DEVICE_KEY);
        this.deviceId = stored != null ? stored : UUID.randomUUID().toString();
        options.store().put(DEVICE_KEY, deviceId);
    }

    private static OkHttpClient.Builder ownHttpClient() {
        Dispatcher dispatcher = new Dispatcher();
        // Long-polling BOSH holds up to two requests, WebSockets hold a slot for their lifetime, and the config
        // fetch must still get through: give each host room.
        dispatcher.setMaxRequestsPerHost(16);
        return new OkHttpClient.Builder().dispatcher(dispatcher).connectTimeout(10, TimeUnit.SECONDS);
    }

    Scheduler scheduler() {
        return scheduler;
    }

    Executor worker() {
        return worker;
    }

    EndpointSelector endpoints() {
        return endpoints;
    }

    String deviceId() {
        return deviceId;
    }

    /** What a new transport needs, with BOSH's timing from the config in force. */
    TransportContext transportContext(RetryConfig config) {
        return new TransportContext(http, scheduler, planner, XmlLimits.DEFAULT, new TransportContext.BoshSettings(
                config.boshWaitSeconds(), config.boshHold(), config.boshInitialPollDelayMillis()));
    }

    @Override
    public void close() {
        worker.shutdown();
        if (ownHttp) {
            http.dispatcher().executorService().shutdown();
            http.connectionPool().evictAll();
        }
    }
}
