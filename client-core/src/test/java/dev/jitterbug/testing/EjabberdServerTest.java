package dev.jitterbug.testing;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.Test;

class EjabberdServerTest {
    @Test
    void survivesKillAndRestartOnTheSamePortAndOffersScramSha256WithoutSasl2() throws Exception {
        try (EjabberdServer server = EjabberdServer.create()) {
            server.account("alice", "alice-pw").start();
            int port = server.httpPort();
            try (TestClients clients = new TestClients(server)) {
                clients.online(clients.options("alice", server.webSocketUri()).build(), new RecordingListener());
            }
            server.kill();
            assertThat(server.isRunning()).isFalse();
            server.start();
            assertThat(server.httpPort()).isEqualTo(port);

            // The account logs in again after the kill; the features say what ejabberd 23.01 offers: SCRAM-SHA-256
            // keys (stored hashed, as in production), no SASL2.
            String features = boshSessionCreation(server);
            assertThat(features).contains("SCRAM-SHA-256").doesNotContain("SCRAM-SHA-1")
                    .doesNotContain("urn:xmpp:sasl:2");
            try (TestClients clients = new TestClients(server)) {
                RecordingListener events = new RecordingListener();
                clients.online(clients.options("alice", server.webSocketUri()).build(), events);
            }
        }
    }

    private static String boshSessionCreation(XmppTestServer server) throws Exception {
        return HttpClient.newHttpClient().send(HttpRequest.newBuilder(server.boshUri())
                .POST(HttpRequest.BodyPublishers.ofString("<body rid='1000' to='localhost' wait='5' hold='1'"
                        + " ver='1.6' xmlns='http://jabber.org/protocol/httpbind' xmlns:xmpp='urn:xmpp:xbosh'"
                        + " xmpp:version='1.0'/>"))
                .build(), HttpResponse.BodyHandlers.ofString()).body();
    }
}
