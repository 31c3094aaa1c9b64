package dev.jitterbug.fx.app;

import dev.jitterbug.ClientOptions;
import dev.jitterbug.Jid;
import dev.jitterbug.TrustedCertificates;
import dev.jitterbug.config.HttpRetryConfigFetcher;
import dev.jitterbug.config.RetryConfigListener;
import dev.jitterbug.config.RetryConfigService;
import dev.jitterbug.fx.login.LoginViewModel;
import dev.jitterbug.platform.ExecutorScheduler;
import dev.jitterbug.platform.FileKeyValueStore;
import dev.jitterbug.platform.NetworkMonitor;
import dev.jitterbug.platform.PollingNetworkMonitor;
import dev.jitterbug.platform.SecretStore;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import okhttp3.OkHttpClient;

/**
 * The desktop app's accounts: state under the user's data folder, and a live retry config from a
 * {@link RetryConfigService} per account domain ({@code https://DOMAIN/.well-known/jitterbug/retry.json}, or an
 * explicit URL). A failed fetch is quiet: the saved copy or the built-in defaults stay in force, and the
 * diagnostics pane shows the problem. The accounts' connections and the config fetch trust the same certificate
 * authorities, so the config never comes from a server the client itself would refuse.
 */
final class DesktopAccountOptions implements AccountOptions, AutoCloseable {
    private final String explicitConfigUrl;
    private final TrustedCertificates trusted;
    private final SecretStore keychain;
    private final Function<Jid, Path> accountDir;
    private final OkHttpClient http = new OkHttpClient.Builder().connectTimeout(10, TimeUnit.SECONDS).build();
    private final ExecutorScheduler configScheduler = new ExecutorScheduler("jitterbug-retry-config");
    private final Map<String, RetryConfigService> services = new HashMap<>();
    private final Map<String, RetryConfigListener> listeners = new HashMap<>();
    /** One watcher of the machine's network for every account: a change probes each live link at once. */
    private final NetworkMonitor network = new PollingNetworkMonitor();

    /**
     * @param explicitConfigUrl where to fetch the retry config, or null for each account's domain
     * @param trusted the certificate authorities both the accounts and the config fetch trust
     * @param keychain where each account's SCRAM keys are kept across restarts (the OS keychain), so a restart
     *     does not pay the key derivation again; never the password itself
     * @param accountDir each account's state folder
     */
    DesktopAccountOptions(String explicitConfigUrl, TrustedCertificates trusted, SecretStore keychain,
            Function<Jid, Path> accountDir) {
        this.explicitConfigUrl = explicitConfigUrl;
        this.trusted = trusted;
        this.keychain = keychain;
        this.accountDir = accountDir;
    }

    @Override
    public synchronized ClientOptions create(LoginViewModel.Request request, RetryConfigListener configStatus) {
        Jid jid = request.jid;
        FileKeyValueStore store = new FileKeyValueStore(accountDir.apply(jid));
        RetryConfigService service = services.get(jid.domain());
        if (service == null) {
            HttpRetryConfigFetcher fetcher = explicitConfigUrl != null
                    ? new HttpRetryConfigFetcher(http, explicitConfigUrl)
                    : HttpRetryConfigFetcher.forDomain(http, jid.domain());
            // The config travels the way the account's connections do: the same trust, the same proxy (that of the
            // first account signed in for the domain; the service is shared per domain).
            fetcher = fetcher.withTrustedCertificates(trusted).withProxy(request.proxy);
            service = new RetryConfigService(fetcher, store, configScheduler);
            services.put(jid.domain(), service);
            service.start();
        }
        RetryConfigListener previous = listeners.put(jid.domain(), configStatus);
        if (previous != null) {
            service.removeListener(previous); // an earlier sign-in's listener (the same bridge, usually): never twice
        }
        service.addListener(configStatus);
        configStatus.retryConfigStatusChanged(service.status());
        RetryConfigService source = service;
        String bare = jid.bare().toString();
        return request.options()
                .store(store)
                .secrets(keychain)
                .trustedCertificates(trusted)
                .retryConfig(() -> source.configFor(bare))
                .networkMonitor(network)
                .build();
    }

    @Override
    public synchronized void close() {
        services.values().forEach(RetryConfigService::close);
        services.clear();
        configScheduler.close();
        http.dispatcher().executorService().shutdown();
    }
}
