package dev.webwxbot.emulator.internal;

import com.fasterxml.jackson.databind.JsonNode;
import dev.webwxbot.emulator.ContactKind;
import dev.webwxbot.emulator.SentMessage;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The phone, over HTTP, under the reserved prefix {@code /__emulator/} on any host, for clients written in other
 * languages. JSON in, JSON ({@code application/json}) out. Requests here are not recorded.
 *
 * <pre>
 * GET  /__emulator/accounts                              list accounts with their contacts
 * POST /__emulator/accounts                {"NickName"}  add an account
 * POST /__emulator/accounts/{uin}/friends  {"NickName"}  add a friend (live sessions are told, as of every
 *                                                       change of contacts and groups: {@link ControlChanges})
 * GET  /__emulator/qr                                    the newest unscanned uuid (404 if none)
 * POST /__emulator/accounts/{uin}/scan     {"uuid"?}     scan (default: the newest unscanned uuid)
 * POST /__emulator/accounts/{uin}/confirm | /cancel | /logout
 * POST /__emulator/accounts/{uin}/contacts/{wxid}/text {"Text"}  that contact writes to the account
 * GET  /__emulator/accounts/{uin}/sent                   messages the web client sent
 * POST /__emulator/accounts/{uin}/contacts/{wxid}/message {"Kind",…, "Group"?}  that contact sends any kind
 *                                                         (in the group {@code Group} when given); answers MsgId
 *                                                         (and Warning: a Kind text that names the account)
 * POST /__emulator/accounts/{uin}/contacts/{wxid}/revoke  {"MsgId"}  that contact withdraws its message
 * POST /__emulator/accounts/{uin}/phone/message {"To", "Kind",…}  the phone sends any kind
 * POST /__emulator/accounts/{uin}/phone/revoke  {"MsgId"}
 * POST /__emulator/accounts/{uin}/friend-requests {"NickName", "Greeting"}  a stranger asks to be added
 * POST /__emulator/accounts/{uin}/inject  {"Message": {AddMsgList entry}, "From"?: wxid}  replay a capture
 * GET  /__emulator/openapi.yaml                           the OpenAPI 3.1 document of every route and field
 * </pre>
 * Every route and field, with examples: {@code docs/emulator.md} and {@link #OPENAPI_RESOURCE}, which
 * ControlApiOpenApiTest holds equal to {@link #ROUTES}.
 */
final class ControlApi {
    static final String PREFIX = "/__emulator/";
    static final String OPENAPI_RESOURCE = "/dev/webwxbot/emulator/control-openapi.yaml";

    /** Every route this class and {@link FaultControl} answer, as the OpenAPI document names them. */
    static final List<String> ROUTES = List.of(
            "GET /__emulator/openapi.yaml",
            "GET /__emulator/accounts",
            "POST /__emulator/accounts",
            "POST /__emulator/accounts/{uin}/friends",
            "POST /__emulator/accounts/{uin}/strangers",
            "POST /__emulator/accounts/{uin}/official-accounts",
            "POST /__emulator/accounts/{uin}/groups",
            "POST /__emulator/accounts/{uin}/friend-accounts",
            "POST /__emulator/accounts/{uin}/contacts/{wxid}/modify",
            "POST /__emulator/accounts/{uin}/contacts/{wxid}/head-image",
            "POST /__emulator/accounts/{uin}/contacts/{wxid}/flags",
            "POST /__emulator/accounts/{uin}/contacts/{wxid}/delete",
            "POST /__emulator/accounts/{uin}/groups/{group}/members",
            "POST /__emulator/accounts/{uin}/groups/{group}/members/{member}/remove",
            "POST /__emulator/accounts/{uin}/groups/{group}/members/{member}/quit",
            "POST /__emulator/accounts/{uin}/groups/{group}/members/{member}/display-name",
            "POST /__emulator/accounts/{uin}/groups/{group}/rename",
            "POST /__emulator/accounts/{uin}/groups/{group}/owner",
            "POST /__emulator/accounts/{uin}/groups/{group}/remove-account",
            "GET /__emulator/qr",
            "POST /__emulator/accounts/{uin}/scan",
            "POST /__emulator/accounts/{uin}/confirm",
            "POST /__emulator/accounts/{uin}/cancel",
            "POST /__emulator/accounts/{uin}/logout",
            "GET /__emulator/accounts/{uin}/sent",
            "POST /__emulator/accounts/{uin}/contacts/{wxid}/text",
            "POST /__emulator/accounts/{uin}/contacts/{wxid}/message",
            "POST /__emulator/accounts/{uin}/contacts/{wxid}/revoke",
            "POST /__emulator/accounts/{uin}/phone/message",
            "POST /__emulator/accounts/{uin}/phone/revoke",
            "POST /__emulator/accounts/{uin}/friend-requests",
            "POST /__emulator/accounts/{uin}/inject",
            "GET /__emulator/faults",
            "POST /__emulator/faults",
            "POST /__emulator/faults/clear",
            "POST /__emulator/faults/{rule}/remove");

    private static final byte[] OPENAPI = openApi();

    private final World world;
    private final ControlChanges changes;

    ControlApi(World world) {
        this.world = world;
        this.changes = new ControlChanges(world);
    }

    void handle(Exchange ex) {
        String[] parts = ex.path().substring(PREFIX.length()).split("/");
        boolean post = ex.method().equals("POST");
        JsonNode body = JsonBodies.parseObject(ex.body()).orElse(null);
        try {
            if (body == null) {
                ex.reply(error(400, "body is not a JSON object"));
            } else if (parts.length == 1 && parts[0].equals("accounts")) {
                if (post) {
                    AccountState account = world.accounts().add(requireText(body, "NickName"));
                    ex.reply(ok(describe(account)));
                } else {
                    ex.reply(ok(world.accounts().list().stream().map(this::describe).toList()));
                }
            } else if (parts.length == 1 && parts[0].equals("openapi.yaml") && !post) {
                ex.reply(new Reply(200, "application/yaml", List.of(), OPENAPI, false));
            } else if (parts.length == 1 && parts[0].equals("qr") && !post) {
                // GET only, as documented (a POST here used to answer the same; nothing in the project sent one).
                String uuid = world.qrLogins().newestWaitingUuid();
                ex.reply(uuid == null ? error(404, "no unscanned QR uuid") : ok(Map.of("uuid", uuid)));
            } else if (parts.length >= 3 && parts[0].equals("accounts") && post) {
                accountAction(ex, account(parts[1]), parts, body);
            } else if (parts.length == 3 && parts[0].equals("accounts") && parts[2].equals("sent")) {
                ex.reply(ok(world.webSends().of(account(parts[1])).stream().map(ControlApi::describe).toList()));
            } else {
                ex.reply(error(404, "unknown control path"));
            }
        } catch (IllegalArgumentException | IllegalStateException e) {
            ex.reply(error(400, e.getMessage()));
        }
    }

    private void accountAction(Exchange ex, AccountState account, String[] parts, JsonNode body) {
        Object changed = changes.handle(account, parts, body);
        if (changed != null) {
            ex.reply(ok(changed));
            return;
        }
        String action = parts[2];
        if (parts.length == 3) {
            switch (action) {
                case "scan" -> {
                    String uuid = JsonBodies.scalarText(body, "uuid");
                    String target = uuid != null ? uuid : world.qrLogins().newestWaitingUuid();
                    if (target == null) {
                        throw new IllegalStateException("no unscanned QR uuid");
                    }
                    world.qrLogins().scan(account, target);
                    ex.reply(ok(Map.of()));
                }
                case "confirm" -> {
                    world.qrLogins().confirm(account);
                    ex.reply(ok(Map.of()));
                }
                case "cancel" -> {
                    world.qrLogins().cancel(account);
                    ex.reply(ok(Map.of()));
                }
                case "friend-requests" -> ex.reply(ok(describe(world.contactChanges().friendRequest(account,
                        requireText(body, "NickName"), requireText(body, "Greeting")))));
                case "inject" -> {
                    JsonNode message = body.path("Message");
                    if (!message.isObject()) {
                        throw new IllegalArgumentException("missing Message object");
                    }
                    String from = JsonBodies.scalarText(body, "From");
                    ex.reply(ok(Map.of("MsgId", world.rawMessages().inject(account, message.toString(),
                            from == null ? null : contact(account, from)))));
                }
                case "logout" -> {
                    world.sessions().phoneLogsOut(account);
                    ex.reply(ok(Map.of()));
                }
                default -> ex.reply(error(404, "unknown account action"));
            }
        } else if (parts.length == 4 && action.equals("phone")) {
            switch (parts[3]) {
                case "message" -> ex.reply(ok(Map.of("MsgId", world.delivery().deliver(account, null,
                        contact(account, requireText(body, "To")),
                        ControlMessages.payload(body, id -> contact(account, id))))));
                case "revoke" -> ex.reply(ok(Map.of("MsgId", world.delivery().revoke(account, null, requireText(body, "MsgId")))));
                default -> ex.reply(error(404, "unknown phone action"));
            }
        } else if (parts.length == 5 && action.equals("contacts") && parts[4].equals("message")) {
            ContactState contact = contact(account, parts[3]);
            String group = JsonBodies.scalarText(body, "Group");
            ContactState chat = group == null ? contact : contact(account, group);
            Map<String, Object> answer = new LinkedHashMap<>();
            answer.put("MsgId", world.delivery().deliver(account, contact, chat,
                    ControlMessages.payload(body, id -> contact(account, id))));
            ControlMessages.mentionWarning(body, account.nickName(), chat.kind() == ContactKind.GROUP)
                    .ifPresent(warning -> answer.put("Warning", warning));
            ex.reply(ok(answer));
        } else if (parts.length == 5 && action.equals("contacts") && parts[4].equals("revoke")) {
            ex.reply(ok(Map.of("MsgId", world.delivery().revoke(account, contact(account, parts[3]), requireText(body, "MsgId")))));
        } else if (parts.length == 5 && action.equals("contacts") && parts[4].equals("text")) {
            ContactState contact = world.accounts().contactsOf(account).stream()
                    .filter(c -> c.permanentId().equals(parts[3])).findFirst()
                    .orElseThrow(() -> new IllegalArgumentException("no contact " + parts[3]));
            world.delivery().contactSendsText(contact, requireText(body, "Text"));
            ex.reply(ok(ControlMessages.mentionWarning(body, account.nickName(), false)
                    .map(warning -> Map.of("Warning", warning)).orElse(Map.of())));
        } else {
            ex.reply(error(404, "unknown account action"));
        }
    }

    private static byte[] openApi() {
        try (InputStream in = ControlApi.class.getResourceAsStream(OPENAPI_RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException(OPENAPI_RESOURCE + " is missing from the emulator jar");
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private ContactState contact(AccountState account, String wxid) {
        return changes.contact(account, wxid);
    }

    private AccountState account(String uin) {
        return world.accounts().list().stream().filter(a -> Long.toString(a.uin()).equals(uin)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no account with uin " + uin));
    }

    private Map<String, Object> describe(AccountState account) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("Uin", account.uin());
        out.put("Wxid", account.wxid());
        out.put("NickName", account.nickName());
        out.put("ApiHost", account.family().apiHost());
        out.put("Online", world.sessions().isOnline(account));
        out.put("UserName", world.sessions().selfUserName(account));
        List<Map<String, Object>> contacts = new ArrayList<>();
        for (ContactState contact : world.accounts().contactsOf(account)) {
            contacts.add(describe(contact));
        }
        out.put("Contacts", contacts);
        return out;
    }

    private Map<String, Object> describe(ContactState contact) {
        return changes.describe(contact);
    }

    private static Map<String, Object> describe(SentMessage sent) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("Time", sent.time().toString());
        out.put("FromUserName", sent.fromUserName());
        out.put("ToUserName", sent.toUserName());
        out.put("ToNickName", sent.toNickName());
        out.put("Type", sent.type());
        out.put("Content", sent.content());
        out.put("MsgID", sent.msgId());
        out.put("LocalID", sent.localId());
        out.put("ClientMsgId", sent.clientMsgId());
        out.put("Kind", sent.kind().name().toLowerCase(java.util.Locale.ROOT));
        out.put("Scene", sent.scene());
        SentMessage.Media media = sent.media();
        Map<String, Object> described = new LinkedHashMap<>();
        described.put("MediaId", media.mediaId());
        described.put("FileName", media.fileName());
        described.put("Size", media.size());
        described.put("Md5", media.md5());
        described.put("EmoticonMd5", media.emoticonMd5());
        out.put("Media", described);
        return out;
    }

    private static String requireText(JsonNode body, String field) {
        String value = JsonBodies.scalarText(body, field);
        if (value == null || value.isEmpty()) {
            throw new IllegalArgumentException("missing " + field);
        }
        return value;
    }

    private static Reply ok(Object value) {
        return new Reply(200, "application/json", List.of(), JsonBodies.write(value), false);
    }

    private static Reply error(int status, String message) {
        return new Reply(status, "application/json", List.of(),
                JsonBodies.write(Map.of("error", message == null ? "" : message)), false);
    }

}
