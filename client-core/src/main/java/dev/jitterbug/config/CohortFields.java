package dev.jitterbug.config;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** How a cohort's own fields read (its name, its share of accounts) and how its overrides lay over the document. */
final class CohortFields {
    private static final int MAX_NAME_LENGTH = 64;

    private CohortFields() {
    }

    /** The cohort's name, or null after recording a problem. */
    static String name(JsonNode name, String where, Set<String> names, List<String> problems) {
        if (name == null) {
            problems.add(where + ".name is missing (a short label such as \"beta-5pct\")");
            return null;
        }
        if (!name.isTextual() || name.asText().trim().isEmpty() || name.asText().length() > MAX_NAME_LENGTH) {
            problems.add(where + ".name must be a non-empty text of at most " + MAX_NAME_LENGTH
                    + " characters, but it is " + RetryConfigParser.describe(name));
            return null;
        }
        if (!names.add(name.asText())) {
            problems.add(where + ".name \"" + name.asText() + "\" is used by an earlier cohort too");
            return null;
        }
        return name.asText();
    }

    /** The cohort's share in buckets (hundredths of a percent), or -1 after recording a problem. */
    static int share(JsonNode percent, String where, List<String> problems) {
        if (percent == null) {
            problems.add(where + ".percent is missing (the share of accounts, e.g. 5 for 5%)");
            return -1;
        }
        if (!percent.isNumber()) {
            problems.add(where + ".percent must be a number, but it is " + RetryConfigParser.describe(percent));
            return -1;
        }
        double value = percent.doubleValue();
        double hundredths = value * 100;
        if (!(value > 0 && value <= 100)) {
            problems.add(where + ".percent is " + percent.asText() + ", outside the allowed range (0, 100]");
            return -1;
        }
        if (Math.abs(hundredths - Math.rint(hundredths)) > 1e-6) {
            problems.add(where + ".percent " + percent.asText() + " has more than two decimals (the finest share "
                    + "is 0.01%)");
            return -1;
        }
        return (int) Math.rint(hundredths);
    }

    /** Lays {@code overrides} over {@code target}, object by object (lists and values replace). */
    static void mergeInto(ObjectNode target, ObjectNode overrides) {
        for (Map.Entry<String, JsonNode> field : overrides.properties()) {
            JsonNode existing = target.get(field.getKey());
            if (existing != null && existing.isObject() && field.getValue().isObject()) {
                mergeInto((ObjectNode) existing, (ObjectNode) field.getValue());
            } else {
                target.set(field.getKey(), field.getValue().deepCopy());
            }
        }
    }
}
