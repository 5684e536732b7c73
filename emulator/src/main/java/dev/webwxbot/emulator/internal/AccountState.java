package dev.webwxbot.emulator.internal;

import dev.webwxbot.emulator.ConversationLine;
import dev.webwxbot.emulator.HostFamily;
import dev.webwxbot.emulator.SentMessage;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;

/** An account of the emulated world. Mutable parts are guarded by the {@link World} monitor unless volatile. */
public final class AccountState {
    private final long uin;
    private final String wxid;
    private final String nickName;
    private final String webwxUvid;
    private final String authTicket;
    private final long headImgSeq;
    private volatile HostFamily family = HostFamily.WX;
    private volatile boolean webLoginBanned;
    private volatile boolean desktopLoginAllowed = true;
    /** The only push host serving this account's synccheck, or {@code null} for every one of its family. */
    private volatile String pushHost;

    final List<ContactState> contacts = new ArrayList<>();
    final List<WebSession> sessions = new ArrayList<>();
    final Deque<SentMessage> unclaimedSent = new ArrayDeque<>();
    final List<SentMessage> sent = new ArrayList<>();
    final List<ConversationLine> conversation = new ArrayList<>();
    final List<Consumer<ConversationLine>> conversationListeners = new CopyOnWriteArrayList<>();
    final MediaStore media = new MediaStore();
    /** A friend request sent from the web: to whom, with which greeting. */
    public record SentRequest(ContactState to, String greeting) {
    }

    final List<SentRequest> friendRequestsSent = new ArrayList<>();
    /** MsgIDs of web-sent messages already revoked (a second revoke fails). */
    final java.util.Set<String> revokedWebSends = new java.util.HashSet<>();
    /**
     * Copies of this account's web sends that reached other accounts of the world, by the send's MsgID, so that a
     * revoke from the web withdraws them there too ({@link BetweenAccounts}).
     */
    final Map<String, List<BetweenAccounts.Copy>> carriedCopies = new LinkedHashMap<>() {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, List<BetweenAccounts.Copy>> eldest) {
            return size() > 10_000;
        }
    };
    /** Messages delivered from the phone side, by MsgId, so that they can be revoked. */
    final Map<String, MessageDelivery.Delivered> delivered = new LinkedHashMap<>() {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, MessageDelivery.Delivered> eldest) {
            return size() > 10_000;
        }
    };
    ContactState fileHelper;
    /** Raised at every login so that a new session's sync keys are above the previous session's. */
    long nextSyncKeyBase;

    AccountState(long uin, String wxid, String nickName, String webwxUvid, String authTicket, long headImgSeq,
                 long firstSyncKeyBase) {
        this.uin = uin;
        this.wxid = wxid;
        this.nickName = nickName;
        this.webwxUvid = webwxUvid;
        this.authTicket = authTicket;
        this.headImgSeq = headImgSeq;
        this.nextSyncKeyBase = firstSyncKeyBase;
    }

    public long uin() {
        return uin;
    }

    public String wxid() {
        return wxid;
    }

    public String nickName() {
        return nickName;
    }

    String webwxUvid() {
        return webwxUvid;
    }

    String authTicket() {
        return authTicket;
    }

    long headImgSeq() {
        return headImgSeq;
    }

    public HostFamily family() {
        return family;
    }

    public void family(HostFamily family) {
        this.family = family;
    }

    public boolean webLoginBanned() {
        return webLoginBanned;
    }

    public void webLoginBanned(boolean banned) {
        this.webLoginBanned = banned;
    }

    public boolean desktopLoginAllowed() {
        return desktopLoginAllowed;
    }

    public void desktopLoginAllowed(boolean allowed) {
        this.desktopLoginAllowed = allowed;
    }

    public String pushHost() {
        return pushHost;
    }

    public void pushHost(String host) {
        this.pushHost = host;
    }

    public void addConversationListener(Consumer<ConversationLine> listener) {
        conversationListeners.add(listener);
    }

    @Override
    public String toString() {
        return "account " + nickName;
    }
}
