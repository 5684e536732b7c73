package dev.webwxbot.emulator.internal;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.webwxbot.emulator.ContactKind;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Renders world contacts as the contact objects of one session (PROTOCOL.md 3.6–3.8): session-scoped UserNames,
 * flags by kind, every field present. Caller holds the World monitor.
 */
final class ContactViews {
    private static final int CONTACT = 1;
    private static final int CHAT_CONTACT = 2;
    private static final int SELF_CONTACT_FLAG = 7;
    private static final int VERIFY_MP = 24;
    private static final int VERIFY_WEIXIN_TEAM = 56;

    /** How much of a group's member list to include. */
    enum Members { NONE, NAMES_ONLY, FULL }

    private ContactViews() {
    }

    static Wire.Contact contact(WebSession session, ContactState contact, Members members) {
        String userName = session.userNameOf(contact);
        String nick = contact.nickName();
        return switch (contact.kind()) {
            case SPECIAL -> special(session, contact, userName);
            case FRIEND -> person(session, contact, userName, CONTACT | CHAT_CONTACT, 0, "", 1);
            case STRANGER -> person(session, contact, userName, 0, 0, "", 0);
            case OFFICIAL_ACCOUNT -> person(session, contact, userName, CONTACT | CHAT_CONTACT, VERIFY_MP, "gh_", 0);
            case GROUP -> {
                List<Wire.Member> memberList = members == Members.NONE ? List.of() : members(session, contact, members);
                String encry = members == Members.FULL ? session.encryChatRoomIdOf(contact) : "";
                // Batch-get answers carry the group avatar with a real seq and an empty skey (capture, PROTOCOL.md 3.5).
                String headImg = members == Members.FULL
                        ? "/cgi-bin/mmwebwx-bin/webwxgetheadimg?seq=" + contact.headImgSeq() + "&username=" + userName + "&skey="
                        : "/cgi-bin/mmwebwx-bin/webwxgetheadimg?seq=0&username=" + userName + "&skey=" + session.skey;
                // init lists a group without flags, pinyin or Statues (http/qjesus-07-webwxinit: ContactFlag 0,
                // Statues 0, PYQuanPin ""); batch-get says ContactFlag 2 (http/qjesus-12-webwxbatchgetcontact,
                // webwxbatchgetcontact/wwdk-webwxbatchgetcontact) and the address book 3
                // (webwxgetcontact/wechat4u-test-webwxgetcontact); a saved group has Statues 1 in both
                // (webwxgetcontact/wechat4u-test-webwxgetcontact, webwxbatchgetcontact/wechat4u-test-*, wwdk-*).
                boolean init = members == Members.NAMES_ONLY;
                int contactFlag = switch (members) {
                    case NAMES_ONLY -> 0;
                    case FULL -> CHAT_CONTACT;
                    case NONE -> CONTACT | CHAT_CONTACT;
                };
                // IsOwner is on the group object (3.8); webwxinit's short entry leaves it 0 like everything else.
                int isOwner = members != Members.NAMES_ONLY && contact.ownedByAccount ? 1 : 0;
                yield new Wire.Contact(0, userName, nick, headImg,
                        contactFlag | contact.flagBits, memberList.size(), memberList, "", 0, 0, "", 0, 0,
                        init ? "" : pyInitial(nick), init ? "" : pyQuanPin(nick), "", "", 0, 0, init ? 0 : 1, 0, "",
                        "", "", 0, 0, "", 0, "", encry, isOwner);
            }
        };
    }

    /**
     * A {@code ModContactList} entry: the sync-only fields {@code HeadImgUpdateFlag}, {@code ContactType} and
     * {@code ChatRoomOwner} (PROTOCOL.md 3.6; the owner is taken to be the first member) and only the keys the
     * captured entries carry, in their order (webwxsync/wechat4u-test-webwxsync, webwxsync/wwdk-sync-webwxsync: no
     * {@code Uin}, pinyin, {@code OwnerUin}, {@code EncryChatRoomId}…). A group says ContactFlag 3, Statues 0 and
     * its avatar with {@code seq=0} and the session's skey there (wechat4u-test-webwxsync).
     */
    static ObjectNode modContact(WebSession session, ContactState contact) {
        ObjectNode full = JsonBodies.tree(contact(session, contact, Members.FULL));
        boolean group = contact.kind() == ContactKind.GROUP;
        String owner = "";
        if (group) {
            ContactState member = GroupChanges.ownerOf(contact);
            owner = member == null ? session.selfUserName : session.userNameOf(member);
        }
        ObjectNode node = JsonNodeFactory.instance.objectNode();
        node.set("UserName", full.get("UserName"));
        node.set("NickName", full.get("NickName"));
        node.set("Sex", full.get("Sex"));
        node.put("HeadImgUpdateFlag", 1);
        node.put("ContactType", 0);
        node.set("Alias", full.get("Alias"));
        node.put("ChatRoomOwner", owner);
        node.put("HeadImgUrl", group ? "/cgi-bin/mmwebwx-bin/webwxgetheadimg?seq=0&username="
                + full.get("UserName").asText() + "&skey=" + session.skey : full.get("HeadImgUrl").asText());
        node.put("ContactFlag", group ? CONTACT | CHAT_CONTACT | contact.flagBits : full.get("ContactFlag").asInt());
        for (String key : new String[] {"MemberCount", "MemberList", "HideInputBarFlag", "Signature", "VerifyFlag",
                "RemarkName"}) {
            node.set(key, full.get(key));
        }
        node.put("Statues", group ? 0 : full.get("Statues").asInt());
        for (String key : new String[] {"AttrStatus", "Province", "City", "SnsFlag", "KeyWord"}) {
            node.set(key, full.get(key));
        }
        return node;
    }

    private static List<Wire.Member> members(WebSession session, ContactState group, Members detail) {
        List<Wire.Member> out = new ArrayList<>();
        for (ContactState member : group.membersUnsafe()) {
            // In webwxinit the members' NickName is typically empty (capture); batch-get fills it in.
            String nick = detail == Members.FULL ? member.nickName() : "";
            String displayName = detail == Members.FULL ? group.displayNameOfUnsafe(member) : "";
            out.add(new Wire.Member(0, session.userNameOf(member), nick, detail == Members.FULL ? member.attrStatus() : 0,
                    "", "", "", "", 0, displayName, ""));
        }
        // The account is a member of its own groups: a captured one-member group lists only the account
        // (corpus wechat4u-test-webwxbatchgetcontact), and ItChat and openwechat find their own in-group name there.
        // Once removed it is not (3.8: the official page takes a group without self in MemberList as left).
        if (!group.accountInGroup) {
            return out;
        }
        out.add(new Wire.Member(0, session.selfUserName, detail == Members.FULL ? session.account.nickName() : "", 0,
                "", "", "", "", 0, "", ""));
        return out;
    }

    private static Wire.Contact person(WebSession session, ContactState contact, String userName, int contactFlag,
                                       int verifyFlag, String keyWord, int snsFlag) {
        String nick = contact.nickName();
        // A starred friend also says StarFriend 1 (3.6) beside its FAVOUR bit.
        int starFriend = (contact.flagBits & ContactFlag.STARRED.bit) != 0 ? 1 : 0;
        return new Wire.Contact(0, userName, nick, iconUrl(contact.headImgSeq(), userName, session.skey),
                contactFlag | contact.flagBits, 0, List.of(), contact.remarkName(), 0, 0, "", verifyFlag, 0,
                pyInitial(nick), pyQuanPin(nick), "", "", starFriend, 0, 0,
                contact.attrStatus(), "", "", contact.alias(), snsFlag, 0, "", 0, keyWord, "", 0);
    }

    private static Wire.Contact special(WebSession session, ContactState contact, String userName) {
        boolean fileHelper = "filehelper".equals(userName);
        String pyInitial = fileHelper ? "WJCSZS" : "WXTD";
        String pyQuanPin = fileHelper ? "wenjianchuanshuzhushou" : "weixintuandui";
        int verifyFlag = fileHelper ? 0 : VERIFY_WEIXIN_TEAM;
        String keyWord = userName.length() > 3 ? userName.substring(0, 3) : userName;
        return new Wire.Contact(0, userName, contact.nickName(), iconUrl(contact.headImgSeq(), userName, session.skey),
                CONTACT | CHAT_CONTACT | contact.flagBits, 0, List.of(), "", 0, 0, "", verifyFlag, 0, pyInitial, pyQuanPin, "", "", 0,
                0, 0, 0, "", "", "", 0, 0, "", 0, keyWord, "", 0);
    }

    /** init's {@code User}: no pinyin for the account itself (webwxinit/qjesus-webwxinit, wechat4u-test-webwxinit). */
    static Wire.User user(WebSession session) {
        AccountState account = session.account;
        return new Wire.User(account.uin(), session.selfUserName, account.nickName(),
                iconUrl(account.headImgSeq(), session.selfUserName, session.skey), "", "", "", "", "", 0, 0, 0, "",
                0, 0, 0, 0, 1, 17);
    }

    /**
     * The account as a contact entry, for a batch-get that names it: the real server keeps it in the answer. Shaped
     * like the account's own entry in a captured address book (webwxgetcontact/wechat4u-test-webwxgetcontact:
     * {@code Uin 0}, {@code ContactFlag 7}, pinyin of the nickname, {@code VerifyFlag 0}).
     */
    static Wire.Contact self(WebSession session) {
        AccountState account = session.account;
        String nick = account.nickName();
        return new Wire.Contact(0, session.selfUserName, nick,
                iconUrl(account.headImgSeq(), session.selfUserName, session.skey), SELF_CONTACT_FLAG, 0, List.of(), "",
                0, 0, "", 0, 0, pyInitial(nick), pyQuanPin(nick), "", "", 0, 0, 0, 0, "", "", "", 0, 0, "", 0, "", "", 0);
    }

    static String iconUrl(long seq, String userName, String skey) {
        return "/cgi-bin/mmwebwx-bin/webwxgeticon?seq=" + seq + "&username=" + userName + "&skey=" + skey;
    }

    /** Address-book contacts in the order they were added: specials, friends, MPs and saved groups. */
    static List<ContactState> addressBook(AccountState account) {
        return account.contacts.stream().filter(c -> c.kind() != ContactKind.STRANGER).toList();
    }

    /** The recent chats init lists: filehelper, then groups, then friends, at most {@code limit}. */
    static List<ContactState> recentChats(AccountState account, int limit) {
        List<ContactState> recent = new ArrayList<>();
        recent.add(account.fileHelper);
        account.contacts.stream().filter(c -> c.kind() == ContactKind.GROUP).forEach(recent::add);
        account.contacts.stream().filter(c -> c.kind() == ContactKind.FRIEND).forEach(recent::add);
        return recent.size() > limit ? List.copyOf(recent.subList(0, limit)) : recent;
    }

    /**
     * Pinyin helpers can only be derived for ASCII names here; others stay empty. An ASCII name keeps its case in
     * {@code PYQuanPin} and is upper-cased in {@code PYInitial}: {@code SToneX}/{@code STONEX}
     * (webwxgetcontact/wechat4u-test-webwxgetcontact) and {@code Urinx}/{@code URINX} (/work/shared/seeds 002, 003).
     * Chinese names come out lower-case ({@code xiangqinxiangaideyijiaren}) only because pinyin is.
     */
    private static String pyInitial(String nick) {
        return isAscii(nick) ? nick.replaceAll("[^A-Za-z0-9]", "").toUpperCase(Locale.ROOT) : "";
    }

    private static String pyQuanPin(String nick) {
        return isAscii(nick) ? nick.replaceAll("[^A-Za-z0-9]", "") : "";
    }

    private static boolean isAscii(String text) {
        return text.chars().allMatch(c -> c < 0x80);
    }
}
