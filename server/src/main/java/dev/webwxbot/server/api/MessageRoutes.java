package dev.webwxbot.server.api;

import com.fasterxml.jackson.databind.JsonNode;
import dev.webwxbot.api.Bot;
import dev.webwxbot.api.Contact;
import dev.webwxbot.api.Outgoing;
import dev.webwxbot.api.Result;
import dev.webwxbot.api.SendReceipt;
import dev.webwxbot.api.event.MessageEvent;
import dev.webwxbot.safeoutput.OwnerOnly;
import dev.webwxbot.server.account.Account;
import io.helidon.http.HeaderNames;
import io.helidon.http.Method;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * Sending (text with @-mentions, optionally quoting a received message; image, file, video, emoticon), revoking, and
 * downloading a received message's media.
 */
final class MessageRoutes {

    private static final String MESSAGES = ApiServer.PREFIX + "/accounts/{account}/messages";
    private static final Map<String, String> MEDIA_TYPES = Map.ofEntries(Map.entry("jpg", "image/jpeg"),
            Map.entry("jpeg", "image/jpeg"), Map.entry("png", "image/png"), Map.entry("gif", "image/gif"),
            Map.entry("webp", "image/webp"), Map.entry("bmp", "image/bmp"), Map.entry("mp4", "video/mp4"),
            Map.entry("mov", "video/quicktime"), Map.entry("mp3", "audio/mpeg"), Map.entry("silk", "audio/silk"),
            Map.entry("amr", "audio/amr"), Map.entry("pdf", "application/pdf"));

    private final ApiBackend backend;
    private final Path tmp;
    private final long maxBody;

    MessageRoutes(ApiBackend backend, Path tmp, long maxBody) {
        this.backend = backend;
        this.tmp = tmp;
        this.maxBody = maxBody;
    }

    void addTo(List<ApiServer.Route> routes) {
        routes.add(new ApiServer.Route(Method.POST, MESSAGES, this::send));
        routes.add(new ApiServer.Route(Method.POST, MESSAGES + "/{msgId}/revoke", (request, response) -> {
            Account account = account(request);
            Bot bot = AccountRoutes.online(account);
            String msgId = request.path().pathParameters().get("msgId");
            SendReceipt.Sent sent = account.sent(msgId).orElseThrow(() -> ApiProblem.notFound(
                    "no message " + msgId + " was sent through the API lately by account '" + account.id() + "'"));
            if (bot.revoke(sent) instanceof Result.Failed<Void> failed) {
                throw ApiProblem.of(failed.reason(), failed.code(), failed.detail());
            }
            var body = Replies.JSON.createObjectNode();
            body.put("revoked", true);
            body.put("msgId", msgId);
            Replies.json(response, body);
        }));
        routes.add(new ApiServer.Route(Method.GET, MESSAGES + "/{msgId}/media", this::media));
    }

    private Account account(ServerRequest request) {
        return backend.account(request.path().pathParameters().get("account"));
    }

    private void send(ServerRequest request, ServerResponse response) {
        Account account = account(request);
        if (Uploads.isMultipart(request)) {
            SendReceipt receipt;
            try (Uploads upload = Uploads.read(request, tmp, maxBody)) {
                Bot bot = AccountRoutes.operator(account);
                Contact chat = Chats.resolve(bot, upload.field("to").orElse(""));
                Path file = upload.file().orElseThrow(() -> ApiProblem.badRequest("a multipart message needs a 'file' part"));
                String type = upload.field("type").orElse("file").toLowerCase(Locale.ROOT);
                Outgoing message = switch (type) {
                    case "image" -> new Outgoing.Image(file);
                    case "file" -> new Outgoing.File(file);
                    case "video" -> new Outgoing.Video(file);
                    case "emoticon" -> new Outgoing.Emoticon(file);
                    default -> throw ApiProblem.badRequest("type must be image, file, video or emoticon, not '" + type + "'");
                };
                receipt = bot.send(chat, message);
            }
            answer(response, account, receipt); // after the upload is deleted: nothing of it outlives the request
            return;
        }
        JsonNode body = Replies.body(request);
        Bot bot = AccountRoutes.operator(account); // the operator's own send: a paused chat does not stop it
        Contact chat = Chats.resolve(bot, body.path("to").asText(""));
        JsonNode text = body.get("text");
        if (text == null || !text.isTextual() || text.asText().isEmpty()) {
            throw ApiProblem.badRequest("a JSON message needs a non-empty 'text' (send media as multipart/form-data)");
        }
        List<String> mentionNames = new ArrayList<>();
        JsonNode mentions = body.path("mentions");
        if (!mentions.isMissingNode() && !mentions.isNull()) {
            if (!mentions.isArray()) throw ApiProblem.badRequest("mentions must be an array of member names");
            mentions.forEach(m -> mentionNames.add(m.asText()));
        }
        List<Contact> mentioned = Chats.members(bot, chat, mentionNames);
        Optional<MessageEvent> quoted = quoted(account, body.get("quotedMsgId"), chat);
        Outgoing message = quoted.<Outgoing>map(original -> {
            Outgoing.Quote quote = Outgoing.quote(original, text.asText());
            return new Outgoing.Quote(quote.quotedMsgId(), quote.quotedSender(), quote.quotedText(), quote.text(),
                    mentioned);
        }).orElseGet(() -> new Outgoing.Text(text.asText(), mentioned));
        answer(response, account, bot.send(chat, message));
    }

    /** The message {@code quotedMsgId} names: one the account received lately in {@code chat}; empty when none given. */
    private static Optional<MessageEvent> quoted(Account account, JsonNode quotedMsgId, Contact chat) {
        if (quotedMsgId == null || quotedMsgId.isNull()) return Optional.empty();
        if (!quotedMsgId.isTextual() || quotedMsgId.asText().isEmpty()) {
            throw ApiProblem.badRequest("quotedMsgId must be the msgId of a message the account received");
        }
        String id = quotedMsgId.asText();
        MessageEvent original = account.receivedAnyKind(id).orElseThrow(() -> ApiProblem.notFound(
                "no message " + id + " was received lately by account '" + account.id() + "'"));
        if (!original.chat().userName().equals(chat.userName())) {
            throw ApiProblem.badRequest("message " + id + " was received in another chat than 'to': a quote answers in"
                    + " the quoted message's chat");
        }
        return Optional.of(original);
    }

    private static void answer(ServerResponse response, Account account, SendReceipt receipt) {
        switch (receipt) {
            case SendReceipt.Sent sent -> {
                account.rememberSent(sent);
                Replies.json(response, ApiJson.receipt(sent));
            }
            case SendReceipt.Failed failed -> throw ApiProblem.of(failed.reason(), failed.code(), failed.detail());
        }
    }

    private void media(ServerRequest request, ServerResponse response) throws IOException {
        Account account = account(request);
        String msgId = request.path().pathParameters().get("msgId");
        MessageEvent message = account.received(msgId).orElseThrow(() -> ApiProblem.notFound(
                "no media message " + msgId + " was received lately by account '" + account.id() + "'"));
        Bot bot = AccountRoutes.online(account);
        Path folder = OwnerOnly.createDirectories(tmp.resolve("download-" + UUID.randomUUID()));
        try {
            Path file = switch (bot.download(message, folder)) {
                case Result.Ok<Path> ok -> ok.value();
                case Result.Failed<Path> failed -> throw ApiProblem.of(failed.reason(), failed.code(), failed.detail());
            };
            String name = file.getFileName().toString();
            response.header(HeaderNames.CONTENT_TYPE, mediaType(name));
            response.header(HeaderNames.CONTENT_DISPOSITION, "attachment; filename*=UTF-8''"
                    + URLEncoder.encode(name, StandardCharsets.UTF_8).replace("+", "%20"));
            response.header(HeaderNames.CONTENT_LENGTH, Long.toString(Files.size(file)));
            try (InputStream in = Files.newInputStream(file); OutputStream out = response.outputStream()) {
                in.transferTo(out);
            }
        } finally {
            deleteTree(folder);
        }
    }

    private static String mediaType(String name) {
        int dot = name.lastIndexOf('.');
        String extension = dot < 0 ? "" : name.substring(dot + 1).toLowerCase(Locale.ROOT);
        return MEDIA_TYPES.getOrDefault(extension, "application/octet-stream");
    }

    private static void deleteTree(Path folder) {
        try (var files = Files.list(folder)) {
            for (Path file : files.toList()) Files.deleteIfExists(file);
            Files.deleteIfExists(folder);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot remove " + folder, e);
        }
    }
}
