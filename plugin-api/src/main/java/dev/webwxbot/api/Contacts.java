package dev.webwxbot.api;

import java.text.Normalizer;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.stream.Stream;

/** Read-only lookups into the session's address book. Thread-safe; results are snapshots. */
public interface Contacts {

    /** The contact with this session-scoped id ({@code @…}, {@code @@…} or a special name such as {@code filehelper}). */
    Optional<Contact> byUserName(String userName);

    /**
     * Every contact one of whose names matches {@code query}, best match first; what a person typing a name into a
     * search box expects. Group members who are not friends are searched too.
     *
     * <p><b>Names searched</b>, in this order of preference: the remark name, the nickname (a group's name is its
     * nickname), the alias (WeChat id), the in-group display name of a group member, and for the well-known special
     * accounts their id and the names clients show for them ({@code filehelper}: "文件传输助手", "File Transfer";
     * {@code weixin}: "微信团队"). A group member who is not a friend is found by nickname as well as by in-group name.
     *
     * <p><b>Comparison:</b> the query and every name are compared as {@link #normalizeName} gives them (emoji
     * decoded as everywhere, case ignored, full-width letters and digits as their ordinary forms, whitespace around
     * ignored and whitespace inside as one space). A blank query finds nothing.
     *
     * <p><b>Ranks</b>, best first: a name <em>equal</em> to the query; a name that <em>starts with</em> it; a name
     * that <em>contains</em> it; then <em>pinyin</em>, for a query of Latin letters and digits (spaces and
     * apostrophes left out, ü typed as {@code v}): the query starts the server's {@code PYQuanPin} or
     * {@code PYInitial} (for the remark name {@code RemarkPYQuanPin} or {@code RemarkPYInitial}), or it spells the
     * pinyin of a name with Chinese characters from any of its syllables on, each syllable written in full or by its
     * first letter and the last one possibly cut short, any reading of a character with several counting
     * (张三: {@code zhangsan}, {@code zhang}, {@code zs}, {@code zsan}, {@code san}). A special account's id matches
     * only when equal.
     *
     * <p><b>Order:</b> each contact appears once, at its best match: by rank, then by which name matched (in the
     * order above), then by that name, then by {@code userName}. A contact found by its in-group name is returned as
     * that group's member ({@link Contact#groupDisplayName()} set); otherwise as the address book has it.
     */
    List<Contact> find(String query);

    /**
     * The contacts of {@link #find} that carry {@code name} as a whole, in find's order: a remark name, nickname,
     * alias or in-group name, or a special account's id, equal to it once both are {@linkplain #normalizeName
     * normalised}; never one whose name merely starts with or contains it. For names an operator configures, where
     * "Alice" must not also mean "Alice Wong".
     */
    default List<Contact> findExact(String name) {
        String wanted = normalizeName(name);
        if (wanted.isEmpty()) return List.of();
        return find(name).stream().filter(contact -> Stream.of(contact.remarkName(), contact.nickName(),
                        contact.alias(), contact.groupDisplayName(),
                        contact.kind() == ContactKind.SPECIAL ? contact.userName() : "")
                .anyMatch(candidate -> normalizeName(candidate).equals(wanted))).toList();
    }

    /**
     * The members of a group as the session last saw them, each with its in-group display name and, for friends,
     * its address-book names; empty when the group or its members are unknown.
     */
    List<Contact> members(Contact group);

    /** Every known contact: friends, groups, official and special accounts. */
    List<Contact> all();

    /**
     * The most reliable {@link Identity} known for {@code contact}, the name the operator's permissions, chat scopes
     * and the message store know it by across logins; empty only for a contact with no name at all. In order:
     * <ol>
     *   <li>{@link Identity.Kind#WXID WXID}: the protocol's permanent id ({@code wxid_…}, {@code …@chatroom},
     *       {@code gh_…}, or an old account's chosen id), learnt from the status-notify list the server sends after
     *       each login (and at times later), from a card or a friend request naming the contact, or the
     *       contact's id itself when it is not a session name ({@code filehelper});</li>
     *   <li>{@link Identity.Kind#TAG TAG}: a stable tag the bot wrote into the remark name (opt-in);</li>
     *   <li>{@link Identity.Kind#REMARK REMARK}: the remark name the account gave;</li>
     *   <li>{@link Identity.Kind#NICKNAME NICKNAME}: the contact's own nickname (a group's name).</li>
     * </ol>
     * This default knows no permanent ids beyond the contact's own id; the session's address book does.
     */
    default Optional<Identity> identity(Contact contact) {
        String userName = contact.userName();
        if (!userName.isBlank() && !userName.startsWith("@")) return Optional.of(new Identity(Identity.Kind.WXID, userName));
        if (!contact.remarkName().isBlank()) return Optional.of(new Identity(Identity.Kind.REMARK, contact.remarkName()));
        if (!contact.nickName().isBlank()) return Optional.of(new Identity(Identity.Kind.NICKNAME, contact.nickName()));
        return Optional.empty();
    }

    /**
     * A group's owner as the protocol says ({@code ChatRoomOwner}), as one of its members; empty when the server
     * never said or the group is unknown. This default knows none.
     */
    default Optional<Contact> groupOwner(Contact group) {
        return Optional.empty();
    }

    /**
     * A name as {@link #find} compares it: Unicode NFKC (full-width {@code Ａｌｉｃｅ} becomes {@code Alice}, the
     * ideographic space a space), whitespace around removed and whitespace inside collapsed to one space, then lower
     * case by {@link Locale#ROOT}.
     */
    static String normalizeName(String name) {
        String compatible = Normalizer.normalize(name, Normalizer.Form.NFKC);
        StringBuilder out = new StringBuilder(compatible.length());
        boolean space = false;
        for (int i = 0; i < compatible.length(); ) {
            int codePoint = compatible.codePointAt(i);
            i += Character.charCount(codePoint);
            if (Character.isWhitespace(codePoint) || Character.isSpaceChar(codePoint)) {
                space = !out.isEmpty();
                continue;
            }
            if (space) out.append(' ');
            space = false;
            out.appendCodePoint(codePoint);
        }
        return out.toString().toLowerCase(Locale.ROOT);
    }
}
