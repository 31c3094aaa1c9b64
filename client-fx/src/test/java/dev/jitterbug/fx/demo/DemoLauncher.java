package dev.jitterbug.fx.demo;

import dev.jitterbug.ChatMessage;
import dev.jitterbug.ClientListener;
import dev.jitterbug.ClientOptions;
import dev.jitterbug.ConnectionEvent;
import dev.jitterbug.JitterbugClient;
import dev.jitterbug.Jid;
import dev.jitterbug.fx.app.JitterbugApp;
import dev.jitterbug.testing.ProsodyServer;
import javafx.application.Application;

/**
 * The quick-start demo: a real local Prosody with two accounts (alice, bob) and a room, a bot logged in as bob who
 * answers, and the app signed in as alice. Run it with the command in the README. Everything stays on 127.0.0.1 and
 * in a temporary folder that is deleted when the app closes.
 */
public final class DemoLauncher {
    private DemoLauncher() {
    }

    public static void main(String[] args) {
        ProsodyServer server = ProsodyServer.create().account("alice", "alice-demo").account("bob", "bob-demo");
        server.start();
        Runtime.getRuntime().addShutdownHook(new Thread(server::close, "demo-prosody-stop"));
        Jid room = Jid.parse("lobby@" + server.mucDomain());

        JitterbugClient bob = JitterbugClient.create(ClientOptions.builder(Jid.parse(server.jid("bob")),
                "bob-demo".toCharArray()).endpoint(server.webSocketUri()).build());
        bob.addListener(new ClientListener() {
            private boolean greeted;

            @Override
            public void onConnectionEvent(ConnectionEvent event) {
                if (event.state().isOnline() && !greeted) {
                    greeted = true;
                    bob.sendRoomMessage(room, "Welcome to the Jitterbug demo! Say something and I will answer.");
                }
            }

            @Override
            public void onMessage(ChatMessage message) {
                if (!message.outgoing() && !message.delayed()) {
                    if (message.kind() == ChatMessage.Kind.GROUPCHAT) {
                        bob.sendRoomMessage(room, "bob heard: " + message.body());
                    } else {
                        bob.sendMessage(message.from(), "bob heard: " + message.body());
                    }
                }
            }
        });
        bob.joinRoom(room, "bob");
        bob.connect();

        System.out.println("Demo server: " + server.webSocketUri() + " (alice / alice-demo, bob / bob-demo)");
        Application.launch(JitterbugApp.class, "--account=" + server.jid("alice"), "--password=alice-demo",
                "--server=" + server.webSocketUri(), "--join=" + room);
        bob.close();
        server.close();
        System.exit(0);
    }
}
