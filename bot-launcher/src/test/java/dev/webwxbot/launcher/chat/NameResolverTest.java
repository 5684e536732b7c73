package dev.webwxbot.launcher.chat;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;

import dev.webwxbot.api.Contact;
import dev.webwxbot.api.ContactKind;
import dev.webwxbot.api.Contacts;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** How the console turns a typed NAME into a chat, over an address book whose search answers are given. */
class NameResolverTest {

    static final Contact ALICE = friend("@alice", "Alice");
    static final Contact ALINA = friend("@alina", "Alina");
    static final Contact KALINDA = friend("@kalinda", "Kalinda");
    static final Contact SAM = friend("@sam", "Sam");
    static final Contact SAM_TOO = friend("@sam2", "Sam");
    static final Contact SAMANTHA = friend("@samantha", "Samantha");
    static final Contact CAROL = new Contact("@carol", "Carol", "", "", ContactKind.STRANGER, "Trail boss");
    static final Contact CATHY = friend("@cathy", "Cathy");

    @Test
    void theUserNameWinsOverAnySearch() {
        FakeBook book = new FakeBook(List.of(ALICE), Map.of(), Map.of());
        assertEquals(new NameResolver.Found(ALICE), new NameResolver(book).resolve("@alice"));
    }

    @Test
    void aWholeNameReachesItsChatThoughLongerNamesStartWithIt() {
        FakeBook book = new FakeBook(List.of(SAM, SAMANTHA), Map.of("Sam", List.of(SAM, SAMANTHA)), Map.of("Sam", List.of(SAM)));
        assertEquals(new NameResolver.Found(SAM), new NameResolver(book).resolve("Sam"));
    }

    @Test
    void twoChatsWithTheWholeNameAreListedNotGuessed() {
        FakeBook book = new FakeBook(List.of(SAM, SAM_TOO), Map.of("Sam", List.of(SAM, SAM_TOO)),
                Map.of("Sam", List.of(SAM, SAM_TOO)));
        NameResolver.Resolution resolution = new NameResolver(book).resolve("Sam");
        assertEquals("'Sam' is 2 contacts; use the UserName: Sam (@sam); Sam (@sam2)", NameResolver.explain(resolution));
    }

    @Test
    void aPartOfANameReachesTheOnlyChatItFits() {
        FakeBook book = new FakeBook(List.of(ALICE), Map.of("ali", List.of(ALICE)), Map.of());
        assertEquals(new NameResolver.Found(ALICE), new NameResolver(book).resolve("ali"));
    }

    @Test
    void aPartThatFitsSeveralChatsListsThemInTheSearchsOrder() {
        FakeBook book = new FakeBook(List.of(KALINDA, ALINA, ALICE), Map.of("ali", List.of(ALICE, ALINA, KALINDA)),
                Map.of());
        NameResolver.Resolution resolution = new NameResolver(book).resolve("ali");
        assertInstanceOf(NameResolver.Ambiguous.class, resolution);
        assertEquals("'ali' fits 3 contacts; type more of the name or use the UserName: Alice (@alice); "
                + "Alina (@alina); Kalinda (@kalinda)", NameResolver.explain(resolution));
    }

    @Test
    void groupMembersWhoAreNoFriendsAreNoChats() {
        FakeBook book = new FakeBook(List.of(CATHY), Map.of("carol", List.of(CAROL), "ca", List.of(CAROL, CATHY)),
                Map.of("carol", List.of(CAROL)));
        assertInstanceOf(NameResolver.Unknown.class, new NameResolver(book).resolve("carol"));
        assertEquals(new NameResolver.Found(CATHY), new NameResolver(book).resolve("ca"));
    }

    @Test
    void anUnknownNameSuggestsChatsATypoAwayAndNothingForShortOrDistantNames() {
        FakeBook book = new FakeBook(List.of(ALICE, KALINDA, CATHY), Map.of(), Map.of());
        assertEquals("no contact is called 'Alcie'; did you mean: Alice (@alice)",
                NameResolver.explain(new NameResolver(book).resolve("Alcie")));
        assertEquals("no contact is called 'Kalni'; did you mean: Kalinda (@kalinda)",
                NameResolver.explain(new NameResolver(book).resolve("Kalni")), "a typo of the start of a name");
        assertEquals("no contact is called 'Zed'", NameResolver.explain(new NameResolver(book).resolve("Zed")));
        assertEquals("no contact is called 'Al'", NameResolver.explain(new NameResolver(book).resolve("Al")));
    }

    static Contact friend(String userName, String nickName) {
        return new Contact(userName, nickName, "", "", ContactKind.FRIEND, "");
    }

    /** An address book whose searches answer what the test says, per query; everything else finds nothing. */
    record FakeBook(List<Contact> all, Map<String, List<Contact>> found, Map<String, List<Contact>> exact)
            implements Contacts {
        public Optional<Contact> byUserName(String userName) {
            return all.stream().filter(contact -> contact.userName().equals(userName)).findFirst();
        }

        public List<Contact> find(String query) {
            return found.getOrDefault(query, List.of());
        }

        public List<Contact> findExact(String name) {
            return exact.getOrDefault(name, List.of());
        }

        public List<Contact> members(Contact group) {
            return List.of();
        }
    }
}
