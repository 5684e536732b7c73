package dev.webwxbot.server.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.typesafe.config.Config;
import com.typesafe.config.ConfigException;
import com.typesafe.config.ConfigFactory;
import com.typesafe.config.ConfigParseOptions;
import com.typesafe.config.ConfigSyntax;
import dev.webwxbot.api.Bot;
import dev.webwxbot.api.Contact;
import dev.webwxbot.api.ContactKind;
import dev.webwxbot.core.LoginGuard;
import dev.webwxbot.server.account.Account;
import dev.webwxbot.server.account.AccountState;
import dev.webwxbot.server.account.QrImage;
import io.helidon.http.HeaderNames;
import io.helidon.http.Method;
import io.helidon.webserver.http.ServerRequest;
import java.io.IOException;
import java.time.Duration;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * The accounts and what they know: list, add, remove, log in and out, the login guard (shown, reset), the login QR
 * code, contacts and groups.
 */
final class AccountRoutes {

    private static final String ACCOUNT = ApiServer.PREFIX + "/accounts/{account}";
    private static final Duration LOGOUT_WAIT = Duration.ofSeconds(10);

    private final ApiBackend backend;

    AccountRoutes(ApiBackend backend) {
        this.backend = backend;
    }

    void addTo(List<ApiServer.Route> routes) {
        routes.add(new ApiServer.Route(Method.GET, ApiServer.PREFIX + "/accounts", (request, response) -> {
            ObjectNode body = Replies.JSON.createObjectNode();
            ArrayNode list = body.putArray("accounts");
            backend.accounts().list().forEach(a -> list.add(ApiJson.account(a)));
            Replies.json(response, body);
        }));
        routes.add(new ApiServer.Route(Method.POST, ApiServer.PREFIX + "/accounts", (request, response) -> {
            JsonNode body = Replies.body(request);
            String id = body.path("id").asText("");
            Config block = block(body.get("config"));
            Account added;
            try {
                added = backend.accounts().add(id, block);
            } catch (IllegalArgumentException e) {
                throw ApiProblem.badRequest(e.getMessage());
            } catch (IllegalStateException e) {
                throw new ApiProblem(409, "CONFLICT", e.getMessage());
            }
            response.header(HeaderNames.LOCATION, ApiServer.PREFIX + "/accounts/" + added.id());
            Replies.json(response, 201, ApiJson.account(added));
        }));
        routes.add(new ApiServer.Route(Method.GET, ACCOUNT, (request, response) ->
                Replies.json(response, ApiJson.account(account(request)))));
        routes.add(new ApiServer.Route(Method.DELETE, ACCOUNT, (request, response) -> {
            String id = account(request).id();
            try {
                backend.accounts().remove(id);
            } catch (IllegalStateException e) {
                throw new ApiProblem(409, "CONFLICT", e.getMessage());
            }
            response.status(204).send();
        }));
        routes.add(new ApiServer.Route(Method.POST, ACCOUNT + "/login", (request, response) -> {
            Account account = runningHere(request);
            account.login();
            Replies.json(response, 202, ApiJson.account(account));
        }));
        routes.add(new ApiServer.Route(Method.GET, ACCOUNT + "/login-guard", (request, response) ->
                Replies.json(response, loginGuard(account(request).loginGuard().status()))));
        routes.add(new ApiServer.Route(Method.POST, ACCOUNT + "/login-guard/reset", (request, response) -> {
            // The operator's override: the guard forgets its strikes and window, and a login starts at once.
            Account account = account(request);
            ObjectNode body = loginGuard(account.resetLoginGuard());
            body.set("account", ApiJson.account(account));
            Replies.json(response, body);
        }));
        routes.add(new ApiServer.Route(Method.POST, ACCOUNT + "/logout", (request, response) -> {
            Account account = runningHere(request);
            try {
                // Usually a second or two; the answer then shows LOGGED_OUT. A slow server gets 202 while it goes on.
                account.logout().get(LOGOUT_WAIT.toMillis(), TimeUnit.MILLISECONDS);
            } catch (TimeoutException | ExecutionException e) {
                // Still logging out, or the server refused: the state in the answer says which.
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            Replies.json(response, 202, ApiJson.account(account));
        }));
        routes.add(new ApiServer.Route(Method.GET, ACCOUNT + "/qr", (request, response) -> {
            Account account = account(request);
            String qr = account.status().qrContent().orElseThrow(() -> ApiProblem.notFound(
                    "account '" + account.id() + "' has no QR code waiting to be scanned (it is "
                            + account.status().state() + ")"));
            response.header(HeaderNames.CONTENT_TYPE, "image/png");
            response.header(HeaderNames.CACHE_CONTROL, "no-store");
            response.send(png(qr));
        }));
        routes.add(new ApiServer.Route(Method.GET, ACCOUNT + "/contacts", (request, response) -> {
            Bot bot = online(account(request));
            Optional<String> q = request.query().first("q").asOptional();
            Optional<ContactKind> kind = request.query().first("kind").asOptional().map(AccountRoutes::kind);
            List<Contact> found = (q.isEmpty() ? bot.contacts().all() : search(bot, q.get())).stream()
                    .filter(c -> kind.isEmpty() || c.kind() == kind.get())
                    .toList();
            ObjectNode body = Replies.JSON.createObjectNode();
            body.set("contacts", ApiJson.contacts(found, bot.contacts()));
            Replies.json(response, body);
        }));
        routes.add(new ApiServer.Route(Method.GET, ACCOUNT + "/contacts/{contact}", (request, response) -> {
            Bot bot = online(account(request));
            Replies.json(response, ApiJson.contact(Chats.resolve(bot, request.path().pathParameters().get("contact")),
                    bot.contacts()));
        }));
        routes.add(new ApiServer.Route(Method.GET, ACCOUNT + "/groups/{group}/members", (request, response) -> {
            Bot bot = online(account(request));
            Contact group = Chats.resolve(bot, request.path().pathParameters().get("group"));
            if (!group.isGroup()) throw ApiProblem.notFound("'" + group.displayName() + "' is not a group");
            ObjectNode body = Replies.JSON.createObjectNode();
            ArrayNode members = body.putArray("members");
            bot.contacts().members(group).forEach(m -> members.add(ApiJson.member(m)));
            Replies.json(response, body);
        }));
    }

    /** The login guard's state, as {@code GET .../login-guard} shows it. */
    private static ObjectNode loginGuard(LoginGuard.Status status) {
        ObjectNode body = Replies.JSON.createObjectNode();
        body.put("enabled", status.enabled());
        body.put("windowSeconds", status.window().toSeconds());
        body.put("freshLogins", status.freshLogins());
        body.put("maxFreshLogins", status.maxFreshLogins());
        body.put("resumes", status.resumes());
        body.put("maxResumes", status.maxResumes());
        body.put("strikes", status.strikes());
        body.put("giveUpAfter", status.giveUpAfter());
        body.put("waitsForOperator", status.waitsForOperator());
        ArrayNode recent = body.putArray("recent");
        status.recent().forEach(recent::add);
        return body;
    }

    private Account account(ServerRequest request) {
        return backend.account(request.path().pathParameters().get("account"));
    }

    /** The account, or a 409 problem when another daemon of the cluster runs it (its login and logout are there). */
    private Account runningHere(ServerRequest request) {
        Account account = account(request);
        if (account.status().state() == AccountState.ELSEWHERE) {
            throw new ApiProblem(409, "ELSEWHERE", "account '" + account.id() + "' runs on another daemon of the "
                    + "cluster, or waits for one to take it; log it in or out there (webwx-bot cluster status shows where)");
        }
        return account;
    }

    /** The account's bot, or a 409 problem when the account is not online. */
    static Bot online(Account account) {
        AccountState state = account.status().state();
        if (state != AccountState.ONLINE && state != AccountState.RECONNECTING) {
            throw new ApiProblem(409, "LOGGED_OUT", "account '" + account.id() + "' is not online (it is " + state + ")");
        }
        return account.bot().orElseThrow();
    }

    /**
     * The account's bot for the operator's own sends (they go out in paused chats too), or a 409 problem when the
     * account is not online.
     */
    static Bot operator(Account account) {
        online(account);
        return account.operatorBot().orElseThrow();
    }

    /** The contact with that id, then everything {@code Contacts.find} ranks for it, as plugins search. */
    private static List<Contact> search(Bot bot, String q) {
        List<Contact> found = new ArrayList<>();
        bot.contacts().byUserName(q).ifPresent(found::add);
        bot.contacts().find(q).stream().filter(c -> !found.contains(c)).forEach(found::add);
        return found;
    }

    private static ContactKind kind(String value) {
        try {
            return ContactKind.valueOf(value.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw ApiProblem.badRequest("kind must be one of " + List.of(ContactKind.values()).toString().toLowerCase(Locale.ROOT));
        }
    }

    /** An account's settings given as JSON, read as the HOCON block they stand for. */
    private static Config block(JsonNode config) {
        if (config == null || config.isNull()) return ConfigFactory.empty();
        if (!config.isObject()) throw ApiProblem.badRequest("config must be an object");
        try {
            return ConfigFactory.parseString(config.toString(), ConfigParseOptions.defaults().setSyntax(ConfigSyntax.JSON));
        } catch (ConfigException e) {
            throw ApiProblem.badRequest("config: " + e.getMessage());
        }
    }

    private static byte[] png(String content) {
        try {
            return QrImage.png(content);
        } catch (IOException e) {
            throw new IllegalStateException("cannot draw the QR code", e);
        }
    }
}
