package dev.jitterbug.im;

import static org.assertj.core.api.Assertions.assertThat;

import dev.jitterbug.Jid;
import dev.jitterbug.transport.Namespaces;
import dev.jitterbug.xml.Element;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class BookmarksTest {
    private final List<List<Bookmark>> bookmarkLists = new ArrayList<>();
    private final Bookmarks data = new Bookmarks(bookmarkLists::add);

    @Test
    void aMissingBookmarksNodeMeansNoBookmarks() {
        Element error = Element.builder("iq", Namespaces.CLIENT).attr("type", "error")
                .attr("id", data.request().attr("id")).build();

        assertThat(data.onAnswer(error)).isTrue();
        assertThat(bookmarkLists).containsExactly(List.of());
    }

    @Test
    void aPublishedBookmarkReadsBackAsAnAutojoinRoom() {
        Element publish = Bookmarks.publishBookmark(Jid.parse("lobby@conference.example.org"), "ali");
        Element item = publish.child("pubsub", Bookmarks.PUBSUB).child("publish", Bookmarks.PUBSUB)
                .child("item", Bookmarks.PUBSUB);
        Element answer = Element.builder("iq", Namespaces.CLIENT).attr("type", "result")
                .attr("id", data.request().attr("id"))
                .child(Element.builder("pubsub", Bookmarks.PUBSUB)
                        .child(Element.builder("items", Bookmarks.PUBSUB).attr("node", Bookmarks.BOOKMARKS)
                                .child(item)))
                .build();

        data.onAnswer(answer);

        assertThat(bookmarkLists.get(0)).extracting(Bookmark::toString)
                .containsExactly("lobby@conference.example.org as ali (autojoin)");
        assertThat(data.onAnswer(publish.toBuilder().attr("type", "result").build()))
                .as("the server's confirmation of our update is ours too").isTrue();
    }
}
