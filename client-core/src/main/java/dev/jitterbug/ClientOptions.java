package dev.jitterbug;

import dev.jitterbug.config.RetryConfig;
import dev.jitterbug.config.RetryConfigService;
import dev.jitterbug.platform.InMemoryKeyValueStore;
import dev.jitterbug.platform.KeyValueStore;
import dev.jitterbug.platform.NetworkMonitor;
import dev.jitterbug.platform.SecretStore;
import dev.jitterbug.transport.discovery.PlainTextRule;
import dev.jitterbug.transport.discovery.TransportTypes;
import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.security.cert.X509Certificate;
import java.util.List;
import java.util.function.Supplier;
import okhttp3.Dns;

/** How a {@link JitterbugClient} connects. Build with {@link #builder(Jid, char[])}. */
public final class ClientOptions {
    private final Jid jid;
    private final char[] password;
    private final URI endpoint;
    private final TransportKind transport;
    private final String resource;
    private final boolean insecurePlainAuthOnLoopback;
    private final boolean insecureUnencryptedConnectionsForThisAccount;
    private final KeyValueStore store;
    private final Supplier<RetryConfig> retryConfig;
    private final URI testOnlyDiscoveryBase;
    private final RetryConfigService retryConfigService;
    private final SharedResources sharedResources;
    private final TrustedCertificates trustedCertificates;
    private final SecretStore secrets;
    private final NetworkMonitor networkMonitor;
    private final Dns testOnlyDns;
    private final ProxySetting proxy;

    private ClientOptions(Builder b) {
        this.jid = b.jid;
        this.password = b.password;
        this.endpoint = b.endpoint;
        this.transport = b.transport;
        this.resource = b.resource;
        this.insecurePlainAuthOnLoopback = b.insecurePlainAuthOnLoopback;
        this.insecureUnencryptedConnectionsForThisAccount = b.insecureUnencryptedConnectionsForThisAccount;
        this.store = b.store;
        this.retryConfig = b.retryConfig;
        this.testOnlyDiscoveryBase = b.testOnlyDiscoveryBase;
        this.retryConfigService = b.retryConfigService;
        this.sharedResources = b.sharedResources;
        this.trustedCertificates = b.trustedCertificates;
        this.secrets = b.secrets;
        this.networkMonitor = b.networkMonitor;
        this.testOnlyDns = b.testOnlyDns;
        this.proxy = b.proxy;
    }

    public static Builder builder(Jid jid, char[] password) {
        return new Builder(jid, password);
    }

    public Jid jid() {
        return jid;
    }

    char[] password() {
        return password;
    }

    /** An explicit endpoint ({@code wss://…/xmpp-websocket} or {@code https://…/http-bind}), or null to discover. */
    public URI endpoint() {
        return endpoint;
    }

    /** The one transport allowed, or null for automatic (WebSocket, falling back to BOSH). */
    public TransportKind transport() {
        return transport;
    }

    public String resource() {
        return resource;
    }

    public boolean insecurePlainAuthOnLoopback() {
        return insecurePlainAuthOnLoopback;
    }

    /** Whether this account may connect without encryption to hosts not on this machine (off by default). */
    public boolean insecureUnencryptedConnectionsForThisAccount() {
        return insecureUnencryptedConnectionsForThisAccount;
    }

    /**
     * Why the client would refuse to connect to {@code endpoint}, in the sentence its {@link Failure.Kind#TLS}
     * failure would carry, or null when it would not: an unencrypted address ({@code ws://}, {@code http://}) for a
     * host not on this machine, unless the account allows unencrypted connections. A login form asks before
     * connecting; the client checks every endpoint it uses (configured, discovered, fallback, redirect) anyway.
     *
     * @throws IllegalArgumentException when {@code endpoint} is not a WebSocket or BOSH address
     */
    public static String unencryptedRefusal(URI endpoint, boolean insecureUnencryptedConnectionsForThisAccount) {
        Endpoint chosen = TransportTypes.endpoint(endpoint, "configured");
        PlainTextRule rule = PlainTextRule.forAccount(insecureUnencryptedConnectionsForThisAccount);
        return rule.permits(chosen) ? null : rule.refusal(chosen).message();
    }

    public KeyValueStore store() {
        return store;
    }

    /** Where the client reads its retry config, before every wait (a remote config service, or a fixed one). */
    public Supplier<RetryConfig> retryConfigSource() {
        return retryConfig;
    }

    /** Where XEP-0156 discovery reads host-meta instead of https://DOMAIN, or null (the default). Tests only. */
    URI testOnlyDiscoveryBase() {
        return testOnlyDiscoveryBase;
    }

    /** How the client's own HTTP client resolves names (loopback answers only), or null (the system's). Tests only. */
    Dns testOnlyDns() {
        return testOnlyDns;
    }

    /** The remote config service in use, or null (a fixed config). */
    public RetryConfigService retryConfigService() {
        return retryConfigService;
    }

    /** Resources shared with other clients in this process, or null: the client builds and closes its own. */
    public SharedResources sharedResources() {
        return sharedResources;
    }

    /** Which certificate authorities vouch for the server (the platform's, plus any added). */
    public TrustedCertificates trustedCertificates() {
        return trustedCertificates;
    }

    /** What tells this client about the machine's network (a change, a loss, a wake from sleep). */
    public NetworkMonitor networkMonitor() {
        return networkMonitor;
    }

    /** Where secrets derived from the password (SCRAM keys) may be kept across restarts; never the password. */
    public SecretStore secrets() {
        return secrets;
    }

    /** Which HTTP proxy the account's connections go through (the system's settings unless the account says). */
    public ProxySetting proxy() {
        return proxy;
    }

    public static final class Builder {
        private final Jid jid;
        private final char[] password;
        private URI endpoint;
        private TransportKind transport;
        private String resource;
        private boolean insecurePlainAuthOnLoopback;
        private boolean insecureUnencryptedConnectionsForThisAccount;
        private KeyValueStore store = new InMemoryKeyValueStore();
        private Supplier<RetryConfig> retryConfig = RetryConfig::defaults;
        private URI testOnlyDiscoveryBase;
        private RetryConfigService retryConfigService;
        private SharedResources sharedResources;
        private TrustedCertificates trustedCertificates = TrustedCertificates.platform();
        private SecretStore secrets = SecretStore.none("No secret store was given: SCRAM keys are kept in memory only.");
        private NetworkMonitor networkMonitor = NetworkMonitor.NONE;
        private Dns testOnlyDns;
        private ProxySetting proxy = ProxySetting.system();

        private Builder(Jid jid, char[] password) {
            this.jid = jid.bare();
            this.password = password.clone();
        }

        /** Connect here instead of discovering the endpoint (XEP-0156). */
        public Builder endpoint(URI v) { this.endpoint = v; return this; }
        /** Only this transport; null (the default) chooses automatically: WebSocket, falling back to BOSH. */
        public Builder transport(TransportKind v) { this.transport = v; return this; }
        /** The resource to bind with classic binding (Bind2 lets the server choose a stable one). */
        public Builder resource(String v) { this.resource = v; return this; }

        /**
         * DEVELOPMENT ONLY: allow SASL PLAIN without TLS, and only when the endpoint is on the loopback interface.
         * Without it, PLAIN is used over TLS only; SCRAM is always preferred.
         */
        public Builder insecurePlainAuthOnLoopback(boolean v) { this.insecurePlainAuthOnLoopback = v; return this; }

        /**
         * INSECURE: let this account connect without encryption ({@code ws://}, {@code http://}) to any host,
         * configured or published by the domain. Anyone on the network path can then read the messages and take
         * over the session. Off by default: unencrypted addresses are used only on this machine's loopback
         * interface, and any other is refused with a {@link Failure.Kind#TLS} failure (the client stops, it does not
         * retry). An app that offers this must show the user when it is on.
         */
        public Builder insecureUnencryptedConnectionsForThisAccount(boolean v) {
            this.insecureUnencryptedConnectionsForThisAccount = v;
            return this;
        }

        /** Where session state (stream ids, cached features, the outbox, the last retry config) persists. */
        public Builder store(KeyValueStore v) { this.store = v; return this; }
        /** A fixed retry config. */
        public Builder retryConfig(RetryConfig v) { this.retryConfig = () -> v; return this; }

        /** A live retry config, e.g. {@code () -> service.configFor(jid)}: read before every reconnect wait. */
        public Builder retryConfig(Supplier<RetryConfig> v) { this.retryConfig = v; return this; }

        /**
         * Tests only (package-private; tests reach it through a test-source class in this package): discover the
         * endpoint (XEP-0156) from {@code http://127.0.0.1:PORT/.well-known/…} instead of
         * {@code https://DOMAIN/.well-known/…}, because tests cannot serve https on port 443. Only loopback bases are
         * accepted.
         */
        Builder testOnlyDiscoveryBase(URI v) {
            if (!dev.jitterbug.transport.discovery.HttpHostMetaFetcher.isLoopbackBase(v)) {
                throw new IllegalArgumentException("The test-only discovery base must be http://127.0.0.1:PORT or "
                        + "http://localhost:PORT, not '" + v + "'.");
            }
            this.testOnlyDiscoveryBase = v;
            return this;
        }

        /**
         * Tests only (package-private, reached through a test-source class in this package): resolve host names
         * with {@code v} in the client's own HTTP client, so a test can give a loopback server a name that is not a
         * loopback name. Every address it answers must be a loopback address, or the lookup fails.
         */
        Builder testOnlyDns(Dns v) {
            this.testOnlyDns = host -> {
                List<InetAddress> addresses = v.lookup(host);
                for (InetAddress address : addresses) {
                    if (!address.isLoopbackAddress()) {
                        throw new UnknownHostException("The test-only DNS may answer loopback addresses only, not "
                                + address + " for " + host + ".");
                    }
                }
                return addresses;
            };
            return this;
        }

        /**
         * The operator's config, live: read before every wait, refreshed at most once per reconnect burst (the
         * client tells the service when a burst starts and when a session is established again).
         */
        public Builder retryConfig(RetryConfigService service) {
            this.retryConfigService = service;
            this.retryConfig = () -> service.configFor(jid.toString());
            return this;
        }

        /** Share one HTTP client with other clients (many accounts in one process); the caller closes it. */
        public Builder sharedResources(SharedResources v) { this.sharedResources = v; return this; }

        /**
         * Trust these certificate authorities (e.g. a self-hosted server's CA) in addition to the platform's, for
         * every connection the client makes (WebSocket, BOSH, discovery). Certificates are still checked for their
         * chain, dates and the server's name. None (or null) means the platform's only. The retry config is fetched
         * by the app's own {@code HttpRetryConfigFetcher}: give it the same value with
         * {@code withTrustedCertificates}.
         */
        public Builder trustedCertificates(X509Certificate... authorities) {
            return trustedCertificates(TrustedCertificates.platformPlus(authorities));
        }

        /** As {@link #trustedCertificates(X509Certificate...)}; null means the platform's only. */
        public Builder trustedCertificates(TrustedCertificates v) {
            this.trustedCertificates = v != null ? v : TrustedCertificates.platform();
            return this;
        }

        /**
         * Where the client may keep the SCRAM keys it derives from the password (the OS keychain, next to the
         * password), so even the first login after a restart costs no key derivation. Without one (the default)
         * the keys live in memory for this client's lifetime: re-logins after a lost session are cheap either way.
         */
        public Builder secrets(SecretStore v) {
            this.secrets = v != null ? v : SecretStore.none("No secret store was given.");
            return this;
        }

        /**
         * What tells the client that the machine's network changed, went away or came back, or that it woke from
         * sleep (one monitor serves every client of a process; the desktop's is {@code PollingNetworkMonitor}). On a
         * change the live link is probed at once; without a network no attempt is spent. Default: none (the
         * client then notices a dead link by its probes alone, within ping interval + dead-link timeout).
         */
        public Builder networkMonitor(NetworkMonitor v) {
            this.networkMonitor = v != null ? v : NetworkMonitor.NONE;
            return this;
        }

        /**
         * The HTTP proxy for every connection of this account (WebSocket, BOSH, discovery): the system's settings
         * (the default; null means the same), none, or a manual one with an optional user name and password. The
         * retry config is fetched by the app's own {@code HttpRetryConfigFetcher}: give it the same value with
         * {@code withProxy}.
         */
        public Builder proxy(ProxySetting v) {
            this.proxy = v != null ? v : ProxySetting.system();
            return this;
        }

        public ClientOptions build() {
            return new ClientOptions(this);
        }
    }
}
