package dev.jitterbug.config;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/** A retry-config document was rejected as a whole; {@link #getMessage()} lists every problem in plain words. */
public final class InvalidRetryConfigException extends Exception {
    private final List<String> problems;

    public InvalidRetryConfigException(List<String> problems) {
        super(summary(problems));
        this.problems = Collections.unmodifiableList(new ArrayList<>(problems));
    }

    public InvalidRetryConfigException(String problem) {
        this(Collections.singletonList(problem));
    }

    /** Each problem as one sentence. */
    public List<String> problems() {
        return problems;
    }

    private static String summary(List<String> problems) {
        if (problems.size() == 1) {
            return "The retry config was rejected: " + problems.get(0);
        }
        StringBuilder text = new StringBuilder("The retry config was rejected (" + problems.size() + " problems): ");
        for (int i = 0; i < problems.size(); i++) {
            text.append(i == 0 ? "" : "; ").append(problems.get(i));
        }
        return text.toString();
    }
}
