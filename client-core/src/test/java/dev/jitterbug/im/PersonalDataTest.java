package dev.jitterbug.im;

import static org.assertj.core.api.Assertions.assertThat;

import dev.jitterbug.Jid;
import dev.jitterbug.transport.Namespaces;
import dev.jitterbug.xml.Element;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class PersonalDataTest {
    private final List<List<Contact>> rosters = new ArrayList<>();
    private final List<List<Bookmark>> bookmarkLists = new ArrayList<>();
    private final PersonalData data = new PersonalData(new PersonalData.Listener() {
        @Override
        public void roster(List<Contact> contacts) {
            rosters.add(contacts);
        }

        @Override
        public void bookmarks(List<Bookmark> bookmarks) {
            bookmarkLists.add(bookmarks);
        }
    });

    @Test
    void readsTheRosterAnswerAndSkipsBrokenEntries() {
        List<Element> requests = data.sessionStarted();
        Element answer = Element.builder("iq", Namespaces.CLIENT).attr("type", "result")
                .attr("id", requests.get(0).attr("id"))
                .child(Element.builder("query", PersonalData.ROSTER)
                        .child(Element.builder("item", PersonalData.ROSTER).attr("jid", "bob@example.org")
                                .attr("name", "Bob").attr("subscription", "both"))
                        .child(Element.builder("item", PersonalData.ROSTER).attr("jid", "@@@"))
                        .child(Element.builder("item", PersonalData.ROSTER).attr("jid", "carol@example.org")))
                .build();

        assertThat(data.onAnswer(answer)).isTrue();
        assertThat(rosters).hasSize(1);
        assertThat(rosters.get(0)).extracting(Contact::toString).containsExactly("bob@example.org (Bob)",
                "carol@example.org");
        assertThat(data.onAnswer(answer)).as("answered once; a repeat is not ours").isFalse();
    }

    @Test
    void aMissingBookmarksNodeMeansNoBookmarks() {
        List<Element> requests = data.sessionStarted();
        Element error = Element.builder("iq", Namespaces.CLIENT).attr("type", "error")
                .attr("id", requests.get(1).attr("id")).build();

        assertThat(data.onAnswer(error)).isTrue();
        assertThat(bookmarkLists).containsExactly(List.of());
    }

    @Test
    void aPublishedBookmarkReadsBackAsAnAutojoinRoom() {
        Element publish = PersonalData.publishBookmark(Jid.parse("lobby@conference.example.org"), "ali");
        Element item = publish.child("pubsub", PersonalData.PUBSUB).child("publish", PersonalData.PUBSUB)
                .child("item", PersonalData.PUBSUB);
        List<Element> requests = data.sessionStarted();
        Element answer = Element.builder("iq", Namespaces.CLIENT).attr("type", "result")
                .attr("id", requests.get(1).attr("id"))
                .child(Element.builder("pubsub", PersonalData.PUBSUB)
                        .child(Element.builder("items", PersonalData.PUBSUB).attr("node", PersonalData.BOOKMARKS)
                                .child(item)))
                .build();

        data.onAnswer(answer);

        assertThat(bookmarkLists.get(0)).extracting(Bookmark::toString)
                .containsExactly("lobby@conference.example.org as ali (autojoin)");
        assertThat(data.onAnswer(publish.toBuilder().attr("type", "result").build()))
                .as("the server's confirmation of our update is ours too").isTrue();
    }
}
