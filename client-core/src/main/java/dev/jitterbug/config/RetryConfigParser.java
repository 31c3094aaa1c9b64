package dev.jitterbug.config;

import dev.jitterbug.reconnect.BackoffAlgorithm;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Reads and validates a retry-config document (format {@value RetryConfigDocument#FORMAT}). All or nothing: unknown
 * fields are ignored (newer documents stay readable by older clients), but a wrong type, a missing required field or
 * a value outside its allowed range rejects the whole document, with every problem listed.
 */
public final class RetryConfigParser {
    private static final Set<String> SECTIONS = sections();
    private static final Set<String> TOP_LEVEL_FIELDS =
            new HashSet<>(Arrays.asList("$schema", "format", "version", "cohorts"));
    /** The section that applies to the document as a whole, not per account. */
    private static final String DOCUMENT_WIDE_SECTION = "refresh";
    private static final int MAX_VERSION_LENGTH = 100;

    private final JsonMapper mapper = JsonMapper.builder()
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .build();

    /** Parses a document, or explains why it cannot be used. */
    public RetryConfigDocument parse(String json) throws InvalidRetryConfigException {
        return parseWithNotes(json).document();
    }

    /** Parses a document and also reports the fields it ignored (typos show up there). */
    public Result parseWithNotes(String json) throws InvalidRetryConfigException {
        if (json == null || json.trim().isEmpty()) {
            throw new InvalidRetryConfigException("the document is empty");
        }
        JsonNode root;
        try {
            root = mapper.readTree(json);
        } catch (JsonProcessingException e) {
            throw new InvalidRetryConfigException("it is not valid JSON (" + where(e.getLocation()) + "): "
                    + e.getOriginalMessage());
        }
        if (root == null || !root.isObject()) {
            throw new InvalidRetryConfigException("the document must be a JSON object { ... }, but it is "
                    + describe(root));
        }
        List<String> problems = new ArrayList<>();
        Set<String> ignored = new LinkedHashSet<>();
        checkFormat(root.get("format"), problems);
        String version = readVersion(root.get("version"), problems);
        noteUnknownFields(root, "", ignored);
        RetryConfig base = readParameters(root, "", problems, ignored);
        if (!problems.isEmpty()) {
            throw new InvalidRetryConfigException(problems);
        }
        List<Cohort> cohorts = readCohorts(root, version, problems, ignored);
        if (!problems.isEmpty()) {
            throw new InvalidRetryConfigException(problems);
        }
        return new Result(new RetryConfigDocument(version, base.toBuilder().version(version).build(), cohorts),
                new ArrayList<>(ignored));
    }

    /** A parsed document and the fields it ignored. */
    public static final class Result {
        private final RetryConfigDocument document;
        private final List<String> ignoredFields;

        Result(RetryConfigDocument document, List<String> ignoredFields) {
            this.document = document;
            this.ignoredFields = ignoredFields;
        }

        public RetryConfigDocument document() {
            return document;
        }

        /** Paths of fields this client does not know (and therefore ignored), e.g. {@code backoff.baseMilis}. */
        public List<String> ignoredFields() {
            return ignoredFields;
        }
    }

    private static void checkFormat(JsonNode format, List<String> problems) {
        if (format == null) {
            problems.add("'format' is missing (this client reads format " + RetryConfigDocument.FORMAT + ")");
        } else if (!format.isIntegralNumber()) {
            problems.add("'format' must be a whole number, but it is " + describe(format));
        } else if (format.asLong() != RetryConfigDocument.FORMAT) {
            problems.add("'format' is " + format.asLong() + ", but this client reads only format "
                    + RetryConfigDocument.FORMAT);
        }
    }

    private static String readVersion(JsonNode version, List<String> problems) {
        if (version == null) {
            problems.add("'version' is missing (a label such as \"2026-11-27.1\" that the UI and the logs show)");
            return "";
        }
        if (!version.isTextual() || version.asText().trim().isEmpty()) {
            problems.add("'version' must be a non-empty text, but it is " + describe(version));
            return "";
        }
        if (version.asText().length() > MAX_VERSION_LENGTH) {
            problems.add("'version' is longer than " + MAX_VERSION_LENGTH + " characters");
            return "";
        }
        return version.asText();
    }

    /** Reads every parameter section of {@code holder}; {@code prefix} names where it sits, for messages. */
    private static RetryConfig readParameters(JsonNode holder, String prefix, List<String> problems,
            Set<String> ignored) {
        RetryConfig.Builder builder = RetryConfig.defaults().toBuilder();
        for (String section : SECTIONS) {
            JsonNode node = holder.get(section);
            if (node != null && !node.isObject()) {
                problems.add(prefix + "'" + section + "' must be an object { ... }, but it is " + describe(node));
            }
        }
        readAlgorithm(section(holder, "backoff"), prefix, builder, problems);
        for (RetryParameter p : RetryParameter.values()) {
            JsonNode section = section(holder, p.section());
            JsonNode value = section == null ? null : section.get(p.field());
            if (value == null) {
                if (p.required()) {
                    problems.add(prefix + p.path() + " is missing (" + expected(p) + " is required)");
                }
                continue;
            }
            readValue(p, value, prefix, builder, problems);
        }
        for (String section : SECTIONS) {
            JsonNode node = section(holder, section);
            if (node != null) {
                noteUnknownFields(node, prefix + section + ".", ignored);
            }
        }
        RetryConfig config = builder.build();
        if (problems.isEmpty() && config.capMillis() < config.baseMillis()) {
            problems.add(prefix + "backoff.capMillis (" + config.capMillis()
                    + " ms) is smaller than backoff.baseMillis (" + config.baseMillis() + " ms)");
        }
        return config;
    }

    private static void readAlgorithm(JsonNode backoff, String prefix, RetryConfig.Builder builder,
            List<String> problems) {
        JsonNode algorithm = backoff == null ? null : backoff.get("algorithm");
        if (algorithm == null) {
            problems.add(prefix + "backoff.algorithm is missing (one of " + documentAlgorithms() + " is required)");
        } else if (!algorithm.isTextual()) {
            problems.add(prefix + "backoff.algorithm must be a text, one of " + documentAlgorithms() + ", but it is "
                    + describe(algorithm));
        } else {
            try {
                BackoffAlgorithm named = BackoffAlgorithm.fromJsonName(algorithm.asText());
                if (named.documentAllowed()) {
                    builder.algorithm(named);
                } else {
                    problems.add(prefix + "backoff.algorithm \"" + named.jsonName() + "\" would let clients retry"
                            + " in lock-step (no jitter, or a pile-up at the cap); it exists for the storm simulator"
                            + " and no document may choose it; use one of " + documentAlgorithms());
                }
            } catch (IllegalArgumentException e) {
                problems.add(prefix + "backoff.algorithm \"" + algorithm.asText() + "\" is not one of "
                        + documentAlgorithms());
            }
        }
    }

    private static void readValue(RetryParameter p, JsonNode value, String prefix, RetryConfig.Builder builder,
            List<String> problems) {
        String path = prefix + p.path();
        if (p.unit() == RetryParameter.Unit.YES_NO) {
            if (!value.isBoolean()) {
                problems.add(path + " must be true or false, but it is " + describe(value));
            } else {
                p.applyTo(builder, value.booleanValue() ? 1 : 0);
            }
            return;
        }
        if (!value.isNumber()) {
            problems.add(path + " must be " + expected(p) + ", but it is " + describe(value));
            return;
        }
        double number = value.doubleValue();
        if (p.unit().wholeNumber() && (number != Math.rint(number) || Double.isInfinite(number))) {
            problems.add(path + " must be a whole number, but it is " + value.asText());
            return;
        }
        if (number < p.allowedMin() || number > p.allowedMax()) {
            problems.add(path + " is " + shown(p, value) + ", outside the allowed range " + p.format(p.allowedMin())
                    + " to " + p.format(p.allowedMax()));
            return;
        }
        p.applyTo(builder, number);
    }

    private static List<Cohort> readCohorts(JsonNode root, String version, List<String> problems,
            Set<String> ignored) {
        List<Cohort> cohorts = new ArrayList<>();
        JsonNode list = root.get("cohorts");
        if (list == null) {
            return cohorts;
        }
        if (!list.isArray()) {
            problems.add("'cohorts' must be a list [ ... ], but it is " + describe(list));
            return cohorts;
        }
        Set<String> names = new HashSet<>();
        int nextBucket = 0;
        for (int i = 0; i < list.size(); i++) {
            JsonNode entry = list.get(i);
            String where = "cohorts[" + i + "]";
            if (!entry.isObject()) {
                problems.add(where + " must be an object { ... }, but it is " + describe(entry));
                continue;
            }
            String name = CohortFields.name(entry.get("name"), where, names, problems);
            int buckets = CohortFields.share(entry.get("percent"), where, problems);
            JsonNode overrides = entry.get("overrides");
            if (overrides != null && !overrides.isObject()) {
                problems.add(where + ".overrides must be an object { ... }, but it is " + describe(overrides));
                continue;
            }
            noteUnknownFields(entry, where + ".", ignored, "name", "percent", "overrides");
            if (overrides != null && overrides.has(DOCUMENT_WIDE_SECTION)) {
                problems.add(where + ".overrides may not contain '" + DOCUMENT_WIDE_SECTION + "': the document is "
                        + "fetched once for all accounts, so its refresh interval cannot differ per cohort");
                continue;
            }
            if (name == null || buckets < 0) {
                continue;
            }
            ObjectNode merged = ((ObjectNode) root).deepCopy();
            if (overrides != null) {
                CohortFields.mergeInto(merged, (ObjectNode) overrides);
                noteUnknownFields(overrides, where + ".overrides.", ignored, SECTIONS.toArray(new String[0]));
                for (String section : SECTIONS) {
                    JsonNode sectionNode = section(overrides, section);
                    if (sectionNode != null) {
                        noteUnknownFields(sectionNode, where + ".overrides." + section + ".", ignored);
                    }
                }
            }
            String prefix = "cohort \"" + name + "\": ";
            RetryConfig config = readParameters(merged, prefix, problems, new HashSet<String>());
            cohorts.add(new Cohort(name, nextBucket, buckets,
                    config.toBuilder().version(version + "/" + name).build()));
            nextBucket += buckets;
        }
        if (nextBucket > AccountBuckets.BUCKETS) {
            problems.add(String.format(Locale.ROOT, "the cohorts add up to %.2f%% of accounts; at most 100%% is "
                    + "possible", nextBucket / 100.0));
        }
        return cohorts;
    }

    private static void noteUnknownFields(JsonNode node, String prefix, Set<String> ignored, String... known) {
        Set<String> knownNames = new HashSet<>(Arrays.asList(known));
        if (prefix.isEmpty()) {
            knownNames.addAll(TOP_LEVEL_FIELDS);
            knownNames.addAll(SECTIONS);
        } else if (known.length == 0) {
            String section = prefix.substring(prefix.lastIndexOf('.', prefix.length() - 2) + 1, prefix.length() - 1);
            for (RetryParameter p : RetryParameter.values()) {
                if (p.section().equals(section)) {
                    knownNames.add(p.field());
                }
            }
            if (section.equals("backoff")) {
                knownNames.add("algorithm");
            }
        }
        Iterator<String> names = node.fieldNames();
        while (names.hasNext()) {
            String name = names.next();
            if (!knownNames.contains(name)) {
                ignored.add(prefix + name);
            }
        }
    }

    private static JsonNode section(JsonNode holder, String name) {
        JsonNode node = holder.get(name);
        return node != null && node.isObject() ? node : null;
    }

    /** The value as written, with its unit: large numbers are not distorted by conversion. */
    private static String shown(RetryParameter p, JsonNode value) {
        return p.unit() == RetryParameter.Unit.FACTOR || p.unit() == RetryParameter.Unit.COUNT ? value.asText()
                : value.asText() + " " + p.unit().label();
    }

    private static String expected(RetryParameter p) {
        switch (p.unit()) {
            case MILLISECONDS: return "a whole number of milliseconds";
            case SECONDS: return "a whole number of seconds";
            case COUNT: return "a whole number";
            case YES_NO: return "true or false";
            default: return "a number";
        }
    }

    private static String documentAlgorithms() {
        StringBuilder names = new StringBuilder();
        for (BackoffAlgorithm a : BackoffAlgorithm.values()) {
            if (a.documentAllowed()) {
                names.append(names.length() == 0 ? "" : ", ").append('"').append(a.jsonName()).append('"');
            }
        }
        return names.toString();
    }

    /** What a JSON value is, in words: {@code the text "1000"}, {@code a list}, {@code null}. */
    static String describe(JsonNode node) {
        if (node == null || node.isMissingNode()) {
            return "nothing";
        }
        if (node.isNull()) {
            return "null";
        }
        if (node.isTextual()) {
            String text = node.asText();
            return "the text \"" + (text.length() > 40 ? text.substring(0, 40) + "…" : text) + "\"";
        }
        if (node.isBoolean()) {
            return "the value " + node.asText();
        }
        if (node.isNumber()) {
            return "the number " + node.asText();
        }
        if (node.isArray()) {
            return "a list";
        }
        return "an object";
    }

    private static String where(JsonLocation location) {
        return location == null ? "somewhere" : "line " + location.getLineNr() + ", column " + location.getColumnNr();
    }

    private static Set<String> sections() {
        Set<String> sections = new LinkedHashSet<>();
        for (RetryParameter p : RetryParameter.values()) {
            sections.add(p.section());
        }
        return sections;
    }
}
