package dev.webwxbot.core.internal.protocol;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The calls of a logged-in session (PROTOCOL.md 3–5), built as the official web page builds them. Thread-safe:
 * the credentials are passed in by the caller, which owns them.
 */
public final class SessionCalls {

    private static final String CGI = "/cgi-bin/mmwebwx-bin/";
    private static final Pattern SYNC_CHECK =
            Pattern.compile("window\\.synccheck=\\{retcode:\"(\\d+)\",selector:\"(\\d+)\"\\}");
    private static final Duration DEFAULT_CALL_TIMEOUT = Duration.ofSeconds(30);
    /** The official page's per-call cap for webwxbatchgetcontact; the server's own is unknown (PROTOCOL.md 12.1). */
    public static final int BATCH_LIMIT = 50;

    private final WxCaller caller;
    private final WxHosts hosts;
    private final String lang;
    private final Duration syncCheckTimeout;
    private final Duration callTimeout;
    /** synccheck's {@code _}: the official page's jQuery counter, started at the page's load time and +1 a call. */
    private final AtomicLong syncCheckCounter = new AtomicLong(System.currentTimeMillis());
    private final LocalIds localIds = new LocalIds();
    private final MediaCalls media;
    private final AccountCalls account;

    public SessionCalls(WxCaller caller, WxHosts hosts, String lang, Duration syncCheckTimeout) {
        this(caller, hosts, lang, syncCheckTimeout, DEFAULT_CALL_TIMEOUT);
    }

    public SessionCalls(WxCaller caller, WxHosts hosts, String lang, Duration syncCheckTimeout, Duration callTimeout) {
        this.caller = caller;
        this.hosts = hosts;
        this.lang = lang;
        this.syncCheckTimeout = syncCheckTimeout;
        this.callTimeout = callTimeout;
        this.media = new MediaCalls(this);
        this.account = new AccountCalls(this);
    }

    /** Uploads, media sends, revoke and downloads (PROTOCOL.md 5.3–7). */
    public MediaCalls media() {
        return media;
    }

    /** Friend and group operations (PROTOCOL.md 8). */
    public AccountCalls account() {
        return account;
    }

    /** The {@code webwx_data_ticket} cookie as the file host would get it (uploads and webwxgetmedia need it). */
    public java.util.Optional<String> dataTicket() {
        return caller.cookies().value("webwx_data_ticket", hosts.fileHost());
    }

    /** Whether this session is in UOS desktop mode (PROTOCOL.md 2.6), which changes webwxsendappmsg (5.5). */
    public boolean desktopMode() {
        return caller.desktopMode();
    }

    WxCaller caller() {
        return caller;
    }

    String lang() {
        return lang;
    }

    /**
     * A fresh {@code LocalID}/{@code ClientMsgId} as the official page makes them (17 digits, increasing within this
     * session), for a caller that sends one message in several attempts under one id.
     */
    public String newLocalId() {
        return localIds.next();
    }

    /**
     * A caller-chosen {@code LocalID}, checked: 1 to 20 ASCII digits (the official page's are 17: a 13-digit
     * millisecond time and 4 more digits).
     *
     * @throws IllegalArgumentException for anything else
     */
    public static String checkedLocalId(String localId) {
        return LocalIds.checked(localId);
    }

    /** The same calls with synccheck sent to another push host (probing, PROTOCOL.md 1.4). */
    public SessionCalls withPushHost(String pushHost) {
        return new SessionCalls(caller, new WxHosts(hosts.apiHost(), hosts.fileHost(), pushHost), lang,
                syncCheckTimeout, callTimeout);
    }

    public WxHosts hosts() {
        return hosts;
    }

    /** webwxinit (PROTOCOL.md 3.1). The official page sends {@code Uin} as a string here only. */
    public CompletableFuture<InitResult> init(Credentials credentials) {
        URI uri = api("webwxinit").param("r", ~(int) System.currentTimeMillis())
                .param("pass_ticket", credentials.passTicket()).param("lang", lang).uri();
        ObjectNode body = Json.MAPPER.createObjectNode();
        body.set("BaseRequest", baseRequest(credentials, true));
        return post("webwxinit", uri, body).thenApply(SessionCalls::readInit);
    }

    /**
     * The parts of a webwxinit body (its {@code BaseResponse} already checked) the session uses; any JSON gives a
     * result: what is missing or of the wrong type reads as empty.
     */
    static InitResult readInit(JsonNode node) {
        return new InitResult(node.path("User"), objects(node.path("ContactList")), SyncKey.fromJson(node.get("SyncKey")),
                Json.text(node, "ChatSet"), Json.text(node, "SKey"));
    }

    /** The objects of a JSON array; nothing for anything else (an object's values are not a list). */
    static List<JsonNode> objects(JsonNode array) {
        List<JsonNode> objects = new ArrayList<>();
        if (!array.isArray()) return objects;
        for (JsonNode item : array) {
            if (item.isObject()) objects.add(item);
        }
        return objects;
    }

    /** webwxstatusnotify Code 3: tells the phone the web login is done (PROTOCOL.md 3.3). */
    public CompletableFuture<Void> notifyInited(Credentials credentials, String selfUserName) {
        URI uri = api("webwxstatusnotify").param("lang", lang).param("pass_ticket", credentials.passTicket()).uri();
        ObjectNode body = Json.MAPPER.createObjectNode();
        body.set("BaseRequest", baseRequest(credentials, false));
        body.put("Code", 3);
        body.put("FromUserName", selfUserName);
        body.put("ToUserName", selfUserName);
        body.put("ClientMsgId", System.currentTimeMillis());
        return post("webwxstatusnotify", uri, body).thenApply(node -> null);
    }

    /** One page of webwxgetcontact (PROTOCOL.md 3.4); {@code seq} 0 for the first. */
    public CompletableFuture<ContactPage> contactPage(Credentials credentials, long seq) {
        URI uri = api("webwxgetcontact").param("r", System.currentTimeMillis()).param("seq", seq)
                .param("skey", credentials.skey()).param("pass_ticket", credentials.passTicket())
                .param("lang", lang).uri();
        return caller.getJson("webwxgetcontact", uri, callTimeout).thenApply(node -> {
            checkRet("webwxgetcontact", node);
            List<JsonNode> members = new ArrayList<>();
            node.path("MemberList").forEach(members::add);
            return new ContactPage(members, Json.longValue(node, "Seq", 0));
        });
    }

    /**
     * webwxbatchgetcontact (PROTOCOL.md 3.5) for at most {@link #BATCH_LIMIT} names: groups come back with their
     * members. Names the server does not know are simply absent from the answer.
     */
    public CompletableFuture<List<JsonNode>> batchGetContact(Credentials credentials, List<String> userNames) {
        if (userNames.size() > BATCH_LIMIT) {
            throw new IllegalArgumentException("at most " + BATCH_LIMIT + " names per webwxbatchgetcontact");
        }
        URI uri = api("webwxbatchgetcontact").param("type", "ex").param("r", System.currentTimeMillis())
                .param("lang", lang).param("pass_ticket", credentials.passTicket()).uri();
        ObjectNode body = Json.MAPPER.createObjectNode();
        body.set("BaseRequest", baseRequest(credentials, false));
        body.put("Count", userNames.size());
        var list = body.putArray("List");
        for (String userName : userNames) {
            // The official page names groups with ChatRoomId, other clients with EncryChatRoomId (PROTOCOL.md 3.5):
            // both keys, so either reading of the entry finds what it looks for.
            list.addObject().put("UserName", userName).put("EncryChatRoomId", "").put("ChatRoomId", "");
        }
        return post("webwxbatchgetcontact", uri, body).thenApply(node -> {
            List<JsonNode> contacts = new ArrayList<>();
            node.path("ContactList").forEach(contacts::add);
            return contacts;
        });
    }

    /** synccheck on the push host (PROTOCOL.md 4.1): a long poll the server holds ~25 s. */
    public CompletableFuture<SyncCheck> syncCheck(Credentials credentials, SyncKey key) {
        URI uri = Query.of(hosts.pushHost(), CGI + "synccheck")
                .param("r", System.currentTimeMillis())
                .param("skey", credentials.skey())
                .param("sid", credentials.sid())
                .param("uin", credentials.uin())
                .param("deviceid", DeviceIds.next())
                .param("synckey", key.toSyncCheckString())
                .param("_", syncCheckCounter.getAndIncrement())
                .uri();
        return caller.get(uri, syncCheckTimeout).thenApply(response -> {
            try {
                return parseSyncCheck(response.status(), response.bodyText());
            } catch (MalformedResponseException e) {
                throw new CompletionException(e);
            }
        });
    }

    /** {@code window.synccheck={retcode:"0",selector:"2"}}; anything else fails with the one checked exception. */
    static SyncCheck parseSyncCheck(int status, String body) throws MalformedResponseException {
        Matcher matcher = SYNC_CHECK.matcher(body);
        if (!matcher.find()) {
            throw new MalformedResponseException("synccheck answered HTTP " + status + " without window.synccheck");
        }
        var retcode = Decimals.parseInt(matcher.group(1));
        var selector = Decimals.parseInt(matcher.group(2));
        if (retcode.isEmpty() || selector.isEmpty()) {
            throw new MalformedResponseException("synccheck answered a retcode or selector out of range");
        }
        return new SyncCheck(retcode.getAsInt(), selector.getAsInt());
    }

    /** webwxsync (PROTOCOL.md 4.2): fetches what synccheck announced. */
    public CompletableFuture<SyncResult> sync(Credentials credentials, SyncKey key) {
        URI uri = api("webwxsync").param("sid", credentials.sid()).param("skey", credentials.skey())
                .param("pass_ticket", credentials.passTicket()).param("lang", lang).uri();
        ObjectNode body = Json.MAPPER.createObjectNode();
        body.set("BaseRequest", baseRequest(credentials, false));
        body.set("SyncKey", key.toJson());
        body.put("rr", ~(int) System.currentTimeMillis());
        return post("webwxsync", uri, body).thenApply(SessionCalls::readSync);
    }

    /** A webwxsync body (its {@code BaseResponse} already checked); any JSON gives a result, see {@link SyncResult}. */
    static SyncResult readSync(JsonNode node) {
        return new SyncResult(node, SyncKey.fromJson(node.get("SyncKey")), SyncKey.fromJson(node.get("SyncCheckKey")),
                Json.text(node, "SKey"));
    }

    /** webwxsendmsg with a text (PROTOCOL.md 5.2). */
    public CompletableFuture<SentMessage> sendText(
            Credentials credentials, String selfUserName, String toUserName, String text) {
        return sendText(credentials, selfUserName, toUserName, text, "");
    }

    /**
     * webwxsendmsg with a text and, when not empty, the {@code MsgSource} of a group @-mention (PROTOCOL.md 5.2),
     * placed after {@code ClientMsgId} as the official page does.
     */
    public CompletableFuture<SentMessage> sendText(
            Credentials credentials, String selfUserName, String toUserName, String text, String msgSource) {
        return sendText(credentials, selfUserName, toUserName, text, msgSource, localIds.next());
    }

    /**
     * As {@link #sendText(Credentials, String, String, String, String)} under a caller-chosen {@code LocalID} and
     * {@code ClientMsgId} (see {@link #checkedLocalId}).
     */
    public CompletableFuture<SentMessage> sendText(Credentials credentials, String selfUserName, String toUserName,
                                                   String text, String msgSource, String localId) {
        return sendMsg(credentials, selfUserName, toUserName, 1, text, msgSource, 0, localId);
    }

    /**
     * webwxsendmsg with any {@code Msg.Type} the endpoint carries (PROTOCOL.md 5.2's table: 1 a text, 48 a location's
     * XML, 42 a name card's XML) and {@code Scene} as given (5.1: 0 normally, 2 when forwarding), under a
     * caller-chosen {@code LocalID}.
     */
    public CompletableFuture<SentMessage> sendMsg(Credentials credentials, String selfUserName, String toUserName,
                                                  int type, String content, String msgSource, int scene,
                                                  String localId) {
        checkedLocalId(localId);
        URI uri = api("webwxsendmsg").param("lang", lang).param("pass_ticket", credentials.passTicket()).uri();
        ObjectNode body = Json.MAPPER.createObjectNode();
        body.set("BaseRequest", baseRequest(credentials, false));
        ObjectNode msg = body.putObject("Msg");
        msg.put("Type", type);
        msg.put("Content", content);
        msg.put("FromUserName", selfUserName);
        msg.put("ToUserName", toUserName);
        msg.put("LocalID", localId);
        msg.put("ClientMsgId", localId);
        if (!msgSource.isEmpty()) {
            msg.put("MsgSource", msgSource);
        }
        body.put("Scene", scene);
        return postMessage("webwxsendmsg", uri, body).thenApply(node ->
                new SentMessage(Json.text(node, "MsgID"), localId));
    }

    /** webwxlogout (PROTOCOL.md 2.10); the answer is a redirect or page nobody reads. */
    public CompletableFuture<Void> logout(Credentials credentials) {
        URI uri = api("webwxlogout").param("redirect", 1).param("type", 0).param("skey", credentials.skey()).uri();
        return caller.get(uri, callTimeout).thenApply(response -> null);
    }

    Query api(String endpoint) {
        return Query.of(hosts.apiHost(), CGI + endpoint);
    }

    CompletableFuture<JsonNode> post(String endpoint, URI uri, ObjectNode body) {
        return caller.postJson(endpoint, uri, body, callTimeout).thenApply(node -> {
            checkRet(endpoint, node);
            return node;
        });
    }

    /**
     * A message send: as {@link #post}, but never sent a second time by the transport itself, since the server may
     * have taken the first one (the caller decides about retries).
     */
    CompletableFuture<JsonNode> postMessage(String endpoint, URI uri, ObjectNode body) {
        return caller.postJson(endpoint, uri, body, callTimeout, false).thenApply(node -> {
            checkRet(endpoint, node);
            return node;
        });
    }

    static void checkRet(String endpoint, JsonNode node) {
        JsonNode base = node.path("BaseResponse");
        int ret = Json.integer(base, "Ret", Integer.MIN_VALUE);
        if (ret == Integer.MIN_VALUE) {
            throw new CompletionException(new MalformedResponseException(endpoint + " answered without BaseResponse.Ret"));
        }
        if (ret != RetCodes.OK) {
            throw new CompletionException(new ApiErrorException(endpoint, ret, Json.text(base, "ErrMsg")));
        }
    }

    static ObjectNode baseRequest(Credentials credentials, boolean uinAsString) {
        ObjectNode base = Json.MAPPER.createObjectNode();
        if (uinAsString) {
            base.put("Uin", Long.toString(credentials.uin()));
        } else {
            base.put("Uin", credentials.uin());
        }
        base.put("Sid", credentials.sid());
        base.put("Skey", credentials.skey());
        base.put("DeviceID", DeviceIds.next());
        return base;
    }

    /** What webwxinit answered. */
    public record InitResult(JsonNode user, List<JsonNode> contacts, SyncKey syncKey, String chatSet, String skey) {
    }

    /** One page of the address book; {@code nextSeq} 0 means it was the last. */
    public record ContactPage(List<JsonNode> members, long nextSeq) {
    }

    /** What synccheck answered. */
    public record SyncCheck(int retcode, int selector) {
    }

    /**
     * What webwxsync answered; the lists stay JSON for the session to interpret. Each list is a JSON array of the
     * body's objects under that name, empty when the body has none or something else there, so iterating it is
     * always safe.
     */
    public record SyncResult(JsonNode body, SyncKey syncKey, SyncKey syncCheckKey, String skey) {
        public JsonNode addMsgList() {
            return list("AddMsgList");
        }

        public JsonNode modContactList() {
            return list("ModContactList");
        }

        public JsonNode delContactList() {
            return list("DelContactList");
        }

        private JsonNode list(String name) {
            var array = Json.MAPPER.createArrayNode();
            objects(body.path(name)).forEach(array::add);
            return array;
        }
    }

    /** The server's id for a sent message and the client id it was sent with. */
    public record SentMessage(String msgId, String localId) {
    }
}
