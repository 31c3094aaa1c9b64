package dev.jitterbug.testing;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class ProsodyServerTest {
    @RegisterExtension
    static final ProsodyExtension prosody = ProsodyExtension.perClass().account("alice", "alice-pw");

    @Test
    void servesFilesTheTestWritesAndSurvivesKillAndRestartOnTheSamePorts() throws Exception {
        ProsodyServer server = prosody.server();
        Files.writeString(server.filesDir().resolve("hello.txt"), "hi");
        assertThat(get(server.httpBase().resolve("/hello.txt"))).isEqualTo("hi");

        int port = server.httpPort();
        server.kill();
        assertThat(server.isRunning()).isFalse();
        server.start();
        assertThat(server.httpPort()).isEqualTo(port);
        assertThat(get(server.httpBase().resolve("/hello.txt"))).isEqualTo("hi");
    }

    @Test
    void offersBoshWithBothScramMechanismsAndSasl2() throws Exception {
        HttpResponse<String> response = HttpClient.newHttpClient().send(
                HttpRequest.newBuilder(prosody.server().boshUri())
                        .POST(HttpRequest.BodyPublishers.ofString(
                                "<body rid='1000' to='localhost' wait='5' hold='1' ver='1.6'"
                                        + " xmlns='http://jabber.org/protocol/httpbind' xmlns:xmpp='urn:xmpp:xbosh'"
                                        + " xmpp:version='1.0'/>"))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(response.body())
                .contains("SCRAM-SHA-256", "urn:xmpp:sasl:2", "urn:xmpp:bind:0")
                .as("accounts are stored hashed for SHA-256, as in production").doesNotContain("SCRAM-SHA-1");
    }

    private static String get(URI uri) throws IOException, InterruptedException {
        return HttpClient.newHttpClient()
                .send(HttpRequest.newBuilder(uri).build(), HttpResponse.BodyHandlers.ofString())
                .body();
    }
}
