package dev.jitterbug.config;

import okhttp3.OkHttpClient;

/** The test-only seam to fetch a retry config over plain http from a loopback server (no https on test servers). */
public final class LoopbackRetryConfigFetchers {
    private LoopbackRetryConfigFetchers() {
    }

    public static HttpRetryConfigFetcher plainHttp(OkHttpClient client, String url) {
        return HttpRetryConfigFetcher.allowingPlainHttpOnLoopback(client, url);
    }
}
