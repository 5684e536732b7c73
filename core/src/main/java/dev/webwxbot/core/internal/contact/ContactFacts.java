package dev.webwxbot.core.internal.contact;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What the event diff needs of a contact beyond the public {@code Contact} record: the raw fields of PROTOCOL.md
 * 3.6 and 3.8 that say whether it is in the address book, its flags, its avatar and a group's owner. A field an
 * update leaves out keeps what an earlier answer said (ModContactList entries carry fewer keys than the address
 * book: "absent fields must default"), so an absent field never reads as a change. Immutable.
 *
 * @param contactFlag {@code ContactFlag}, or {@link #UNKNOWN} when never told
 * @param starFriend {@code StarFriend}, read together with {@code ContactFlag}
 * @param headImage the avatar's identity: {@code HeadImgUrl} without its {@code skey} (which changes with the
 *     session, not the picture); empty when unknown, as it is for the {@code seq=0} URL sync gives groups
 * @param owner a group's {@code ChatRoomOwner} (a UserName); empty when never told
 * @param isOwner a group's {@code IsOwner}, or {@link #UNKNOWN} when never told
 */
record ContactFacts(int contactFlag, int starFriend, String headImage, String owner, int isOwner) {

    static final int UNKNOWN = -1;
    static final ContactFacts NONE = new ContactFacts(UNKNOWN, 0, "", "", UNKNOWN);

    /** ContactFlag bits (PROTOCOL.md 3.8). */
    private static final int CONTACT = 1;
    private static final int FAVOUR = 64;
    private static final int NOTIFY_CLOSE = 512;
    private static final int TOP = 2048;
    private static final Pattern SKEY = Pattern.compile("([?&])skey=[^&]*&?");
    private static final Pattern SEQ = Pattern.compile("[?&]seq=([^&]*)");

    /** The facts of {@code node} over {@code previous}: what the node says, else what was known. */
    static ContactFacts read(JsonNode node, ContactFacts previous) {
        ContactFacts before = previous == null ? NONE : previous;
        JsonNode flag = node.get("ContactFlag");
        boolean flagsTold = flag != null && flag.canConvertToInt();
        int contactFlag = flagsTold ? flag.asInt() : before.contactFlag;
        // StarFriend belongs to the same answer as ContactFlag: an entry that gives flags without it says "not starred".
        int starFriend = flagsTold ? node.path("StarFriend").asInt(0) : before.starFriend;
        String headImage = headImage(node.path("HeadImgUrl").asText(""));
        String owner = node.path("ChatRoomOwner").asText("");
        JsonNode isOwner = node.get("IsOwner");
        return new ContactFacts(contactFlag, starFriend, headImage.isEmpty() ? before.headImage : headImage,
                owner.isEmpty() ? before.owner : owner,
                isOwner != null && isOwner.canConvertToInt() ? isOwner.asInt() : before.isOwner);
    }

    /** Whether the contact is in the address book ({@code CONTACT} bit); true when the flags were never told. */
    boolean inAddressBook() {
        return contactFlag == UNKNOWN || (contactFlag & CONTACT) != 0;
    }

    boolean starred() {
        return starFriend == 1 || flag(FAVOUR);
    }

    boolean pinned() {
        return flag(TOP);
    }

    boolean muted() {
        return flag(NOTIFY_CLOSE);
    }

    private boolean flag(int bit) {
        return contactFlag != UNKNOWN && (contactFlag & bit) != 0;
    }

    /** {@code HeadImgUrl} without its skey; empty for no URL or one with {@code seq=0}, which names no picture. */
    static String headImage(String url) {
        if (url.isEmpty()) return "";
        Matcher seq = SEQ.matcher(url);
        if (seq.find() && seq.group(1).equals("0")) return "";
        String withoutSkey = SKEY.matcher(url).replaceAll("$1");
        return withoutSkey.endsWith("&") || withoutSkey.endsWith("?")
                ? withoutSkey.substring(0, withoutSkey.length() - 1) : withoutSkey;
    }
}
