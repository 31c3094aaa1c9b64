package dev.jitterbug.config;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;

/** A fetcher that answers from a script, right away, and records the ETags it was asked with. */
final class ScriptedFetcher implements RetryConfigFetcher {
    private final Deque<FetchResult> answers = new ArrayDeque<>();
    private final List<String> askedWithEtag = new ArrayList<>();

    ScriptedFetcher answer(FetchResult result) {
        answers.add(result);
        return this;
    }

    /** How many fetches were started. */
    int fetches() {
        return askedWithEtag.size();
    }

    List<String> askedWithEtag() {
        return askedWithEtag;
    }

    @Override
    public String location() {
        return "https://example.org/.well-known/jitterbug/retry.json";
    }

    @Override
    public void fetch(String ifNoneMatch, Callback callback) {
        askedWithEtag.add(ifNoneMatch);
        FetchResult next = answers.poll();
        callback.done(next != null ? next : FetchResult.failed("the script has no answer left", -1));
    }
}
