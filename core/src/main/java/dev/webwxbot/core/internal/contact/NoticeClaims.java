package dev.webwxbot.core.internal.contact;

import dev.webwxbot.api.Contact;
import dev.webwxbot.api.ContactKind;
import dev.webwxbot.api.event.MemberJoined;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What a grey system line ({@code MsgType 10000}, PROTOCOL.md 9.5.11) says about a group or a friend, read from the
 * zh_CN or en texts clients match on: who joined (invited by whom, or by whose QR code), who was removed and by
 * whom, the group's new name and who gave it, or the friend just added. The line names people as the account
 * sees them (nickname, remark or in-group name; "你"/"You" for the account itself), never by id, so a claim
 * carries names, which {@link ContactEvents} matches to the contacts of a contact update. Stateless.
 */
final class NoticeClaims {

    /** What one line claims about one person or group. */
    enum Kind { JOINED, LEFT, RENAMED, ADDED }

    /**
     * A name as a grey line gives it.
     *
     * @param self whether it is the account itself ("你", "You"); {@code text} is then empty
     */
    record Name(String text, boolean self) {
        static final Name SELF = new Name("", true);

        static Name of(String text) {
            String name = unquote(text);
            return name.equals("你") || name.equalsIgnoreCase("you") ? SELF : new Name(name, false);
        }

        /** Whether {@code contact} goes by this name: any of its names, or being the account for "你". */
        boolean names(Contact contact) {
            if (self) return contact.kind() == ContactKind.SELF;
            return !text.isEmpty() && (text.equals(contact.nickName()) || text.equals(contact.remarkName())
                    || text.equals(contact.groupDisplayName()) || text.equals(contact.displayName())
                    || text.equals(contact.alias()));
        }

        @Override
        public String toString() {
            return self ? "(self)" : text;
        }
    }

    /**
     * One thing a line says.
     *
     * @param chat the UserName of the chat the line came in: the group, or for a friend added the friend
     * @param subject who joined, left or was added; the group's new name for a rename is in {@code newName}
     * @param by who invited, shared the QR code, removed or renamed
     * @param method how a member joined ({@link MemberJoined.Method#UNKNOWN} for the other kinds)
     * @param newName a group's new name; empty otherwise
     * @param time the line's time
     */
    record Claim(Kind kind, String chat, Name subject, Optional<Name> by, MemberJoined.Method method, String newName,
                 Instant time) {
    }

    private static final String Q = "[\"“”]";
    /** A quoted name, or the account itself. */
    private static final String PERSON = "(?:你|" + Q + ".+?" + Q + ")";
    private static final String EN_PERSON = "(?:You|you|" + Q + ".+?" + Q + "|[^\"“”]+?)";

    private static final Pattern ZH_INVITED = Pattern.compile("^(" + PERSON + ")邀请(.+?)加入了群聊");
    private static final Pattern ZH_QR = Pattern.compile("^(" + Q + ".+?" + Q + ")通过扫描(" + PERSON + ")分享的二维码加入群聊");
    private static final Pattern ZH_REMOVED = Pattern.compile("^你将(.+?)移出了群聊");
    private static final Pattern ZH_REMOVED_YOU = Pattern.compile("^你被(" + Q + ".+?" + Q + ")移出群聊");
    private static final Pattern ZH_RENAMED = Pattern.compile("^(" + PERSON + ")修改群名为[“\"](.*)[”\"]。?$");
    private static final Pattern ZH_YOU_ADDED = Pattern.compile("^你已添加了(.+?)，现在可以开始聊天了");
    private static final Pattern ZH_ADDED_YOU = Pattern.compile("^(.+?)刚刚把你添加到通讯录，现在可以开始聊天了");
    private static final Pattern EN_INVITED = Pattern.compile("^(" + EN_PERSON + ") invited (.+?) to (?:the|your) group chat");
    private static final Pattern EN_QR = Pattern.compile(
            "^(" + EN_PERSON + ") joined the group chat via (?:the|your) QR Code(?: shared by (" + EN_PERSON + "))?\\.?$");
    private static final Pattern EN_REMOVED = Pattern.compile("^You removed (.+?) from the group chat");
    private static final Pattern EN_REMOVED_YOU = Pattern.compile(
            "^You were removed from the group chat by (" + EN_PERSON + ")\\.?$");
    private static final Pattern EN_RENAMED = Pattern.compile(
            "^(" + EN_PERSON + ") changed the group name to [\"“](.*)[\"”]\\.?$");
    private static final Pattern EN_YOU_ADDED = Pattern.compile("^You have added (.+?) as your WeChat contact");
    private static final Pattern EN_ADDED_YOU = Pattern.compile("^(.+?) just added you to (?:his/her|your) contacts list");
    private static final Pattern QUOTED = Pattern.compile(Q + "(.+?)" + Q);

    private NoticeClaims() {
    }

    /**
     * What {@code text} (a grey line as plugins see it: decoded, links removed, trimmed) in {@code chat} claims;
     * empty for a line about anything else (a red packet, a pat, a warning).
     */
    static List<Claim> read(String text, String chat, Instant time) {
        boolean group = chat.startsWith("@@") || chat.endsWith("@chatroom");
        if (!group) {
            for (Pattern added : List.of(ZH_YOU_ADDED, ZH_ADDED_YOU, EN_YOU_ADDED, EN_ADDED_YOU)) {
                Matcher m = added.matcher(text);
                if (m.find()) {
                    return List.of(new Claim(Kind.ADDED, chat, Name.of(m.group(1)), Optional.empty(),
                            MemberJoined.Method.UNKNOWN, "", time));
                }
            }
            return List.of();
        }
        Matcher m;
        if ((m = ZH_QR.matcher(text)).find() || (m = EN_QR.matcher(text)).find()) {
            Optional<Name> by = m.group(2) == null ? Optional.empty() : Optional.of(Name.of(m.group(2)));
            return joined(chat, names(m.group(1)), by, MemberJoined.Method.QR_CODE, time);
        }
        if ((m = ZH_INVITED.matcher(text)).find() || (m = EN_INVITED.matcher(text)).find()) {
            return joined(chat, names(m.group(2)), Optional.of(Name.of(m.group(1))), MemberJoined.Method.INVITED, time);
        }
        if ((m = ZH_REMOVED_YOU.matcher(text)).find() || (m = EN_REMOVED_YOU.matcher(text)).find()) {
            return List.of(new Claim(Kind.LEFT, chat, Name.SELF, Optional.of(Name.of(m.group(1))),
                    MemberJoined.Method.UNKNOWN, "", time));
        }
        if ((m = ZH_REMOVED.matcher(text)).find() || (m = EN_REMOVED.matcher(text)).find()) {
            List<Claim> claims = new ArrayList<>();
            for (Name member : names(m.group(1))) {
                claims.add(new Claim(Kind.LEFT, chat, member, Optional.of(Name.SELF), MemberJoined.Method.UNKNOWN, "", time));
            }
            return claims;
        }
        if ((m = ZH_RENAMED.matcher(text)).find() || (m = EN_RENAMED.matcher(text)).find()) {
            return List.of(new Claim(Kind.RENAMED, chat, Name.of(m.group(1)), Optional.of(Name.of(m.group(1))),
                    MemberJoined.Method.UNKNOWN, m.group(2), time));
        }
        return List.of();
    }

    private static List<Claim> joined(String chat, List<Name> members, Optional<Name> by, MemberJoined.Method method,
                                      Instant time) {
        return members.stream().map(member -> new Claim(Kind.JOINED, chat, member, by, method, "", time)).toList();
    }

    /**
     * The people a line lists: quoted names ({@code "B"}, {@code "B、C"}: the phone quotes the whole list once),
     * "你"/"you" outside quotes, or unquoted names as some en lines give them ({@code You invited 赵剑鹏 to the
     * group chat}, {@code A, B and C}).
     */
    static List<Name> names(String list) {
        List<Name> names = new ArrayList<>();
        Matcher quoted = QUOTED.matcher(list);
        StringBuilder outside = new StringBuilder();
        int last = 0;
        while (quoted.find()) {
            outside.append(list, last, quoted.start()).append('、');
            last = quoted.end();
            for (String name : quoted.group(1).split("、")) {
                if (!name.isBlank()) names.add(new Name(name.strip(), false));
            }
        }
        outside.append(list.substring(last));
        // Beside quoted names only the account itself stands unquoted ("你和"B""); without quotes every part is a name.
        boolean anyQuoted = last > 0;
        for (String part : outside.toString().split(anyQuoted ? "、|和|,| and " : "、|, | and ")) {
            String name = part.strip();
            if (name.isEmpty()) continue;
            if (name.equals("你") || name.equalsIgnoreCase("you")) {
                names.add(0, Name.SELF);
            } else if (!anyQuoted) {
                names.add(new Name(name, false));
            }
        }
        return names;
    }

    /** A name without the quotes and blanks around it ({@code " B"} in a captured line has both). */
    private static String unquote(String text) {
        String name = text.strip();
        if (name.length() >= 2 && "\"“”".indexOf(name.charAt(0)) >= 0 && "\"“”".indexOf(name.charAt(name.length() - 1)) >= 0) {
            name = name.substring(1, name.length() - 1);
        }
        return name.strip();
    }
}
