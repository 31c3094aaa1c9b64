package dev.jitterbug.config;

import dev.jitterbug.reconnect.BackoffAlgorithm;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The published JSON Schema, the examples and the parser must agree. */
class RetryConfigSchemaTest {
    private static final String SCHEMA = "/dev/jitterbug/config/retry-config.schema.json";
    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static JsonNode schemaNode;
    private static JsonSchema schema;

    @BeforeAll
    static void loadSchema() throws Exception {
        try (InputStream in = RetryConfigSchemaTest.class.getResourceAsStream(SCHEMA)) {
            schemaNode = MAPPER.readTree(in);
        }
        schema = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012).getSchema(schemaNode);
    }

    @Test
    void everyValidExamplePassesTheSchemaAndTheParser() throws Exception {
        List<Path> examples = Examples.list(true);
        assertThat(examples).hasSizeGreaterThanOrEqualTo(5);
        for (Path example : examples) {
            String json = Examples.read(example.getFileName().toString());
            Set<ValidationMessage> errors = schema.validate(MAPPER.readTree(json));
            assertThat(errors).as(example.getFileName().toString()).isEmpty();
            new RetryConfigParser().parse(json);
        }
    }

    @Test
    void everyInvalidExampleFailsTheSchemaAndTheParser() throws Exception {
        List<Path> examples = Examples.list(false);
        assertThat(examples).hasSizeGreaterThanOrEqualTo(5);
        for (Path example : examples) {
            String json = Examples.read("invalid/" + example.getFileName());
            assertThat(schema.validate(MAPPER.readTree(json))).as(example.getFileName().toString()).isNotEmpty();
            assertThatThrownBy(() -> new RetryConfigParser().parse(json)).as(example.getFileName().toString())
                    .isInstanceOf(InvalidRetryConfigException.class);
        }
    }

    @Test
    void theSchemaStatesTheSameRangesAndDefaultsAsTheParser() {
        for (RetryParameter p : RetryParameter.values()) {
            JsonNode field = schemaNode.path("$defs").path(p.section()).path("properties").path(p.field());
            assertThat(field.isMissingNode()).as(p.path() + " in the schema").isFalse();
            if (p.unit() == RetryParameter.Unit.YES_NO) {
                assertThat(field.path("type").asText()).isEqualTo("boolean");
                assertThat(field.path("default").asBoolean() ? 1.0 : 0.0).as(p.path()).isEqualTo(p.defaultValue());
                continue;
            }
            assertThat(field.path("type").asText()).as(p.path())
                    .isEqualTo(p.unit().wholeNumber() ? "integer" : "number");
            assertThat(field.path("minimum").asDouble()).as(p.path() + " minimum").isEqualTo(p.allowedMin());
            assertThat(field.path("maximum").asDouble()).as(p.path() + " maximum").isEqualTo(p.allowedMax());
            assertThat(field.path("default").asDouble()).as(p.path() + " default").isEqualTo(p.defaultValue());
        }
        List<String> algorithms = new ArrayList<>();
        schemaNode.path("$defs").path("backoff").path("properties").path("algorithm").path("enum")
                .forEach(n -> algorithms.add(n.asText()));
        List<String> expected = new ArrayList<>();
        for (BackoffAlgorithm a : BackoffAlgorithm.values()) {
            if (a.documentAllowed()) {
                expected.add(a.jsonName());
            }
        }
        assertThat(algorithms).containsExactlyElementsOf(expected);
    }
}
