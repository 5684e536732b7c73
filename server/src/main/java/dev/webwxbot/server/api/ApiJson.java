package dev.webwxbot.server.api;

import dev.webwxbot.server.account.AccountState;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.webwxbot.api.Contact;
import dev.webwxbot.api.Contacts;
import dev.webwxbot.api.SendReceipt;
import dev.webwxbot.api.event.MessageEvent;
import dev.webwxbot.api.event.TextMessage;
import dev.webwxbot.core.chain.DispatchTrace;
import dev.webwxbot.core.chain.PluginStatus;
import dev.webwxbot.server.account.Account;
import dev.webwxbot.server.account.AccountStatus;
import dev.webwxbot.server.json.EventJson;
import dev.webwxbot.store.MediaRef;
import dev.webwxbot.store.StoredMessage;

/**
 * The API's answers as JSON, under the field names the OpenAPI document promises; one method per schema. Nothing
 * here ever reads a credential: an account shows its state and who it is, never its session.
 */
final class ApiJson {

    private ApiJson() {
    }

    static ObjectNode account(Account account) {
        AccountStatus status = account.status();
        ObjectNode node = Replies.JSON.createObjectNode();
        node.put("id", account.id());
        node.put("state", status.state().name());
        if (status.reason().isEmpty()) node.putNull("reason"); else node.put("reason", status.reason());
        if (status.detail().isEmpty()) node.putNull("detail"); else node.put("detail", status.detail());
        if (status.self().isPresent()) {
            ObjectNode self = node.putObject("self");
            self.put("id", status.self().get().userName());
            self.put("name", status.self().get().nickName());
        } else {
            node.putNull("self");
        }
        if (status.qrContent().isPresent()) node.put("qrUrl", status.qrContent().get()); else node.putNull("qrUrl");
        int contacts = 0;
        if (status.state() == AccountState.ONLINE
                || status.state() == AccountState.RECONNECTING) {
            contacts = account.bot().map(bot -> bot.contacts().all().size()).orElse(0);
        }
        node.put("contacts", contacts);
        account.watchdogNews().ifPresentOrElse(news -> {
            ObjectNode watchdog = EventJson.toJson(news);
            watchdog.put("type", EventJson.type(news));
            node.set("watchdog", watchdog);
        }, () -> node.putNull("watchdog"));
        return node;
    }

    static ObjectNode contact(Contact contact) {
        return EventJson.contact(contact);
    }

    /** A contact with the identity it is known by across logins ({@code wxid:…}, {@code tag:…}, …), when it has one. */
    static ObjectNode contact(Contact contact, Contacts book) {
        ObjectNode node = contact(contact);
        book.identity(contact).ifPresent(identity -> node.put("identity", identity.toString()));
        return node;
    }

    static ObjectNode member(Contact member) {
        ObjectNode node = Replies.JSON.createObjectNode();
        node.put("id", member.userName());
        node.put("name", member.nickName());
        node.put("displayName", member.groupDisplayName());
        return node;
    }

    static ObjectNode receipt(SendReceipt.Sent sent) {
        ObjectNode node = Replies.JSON.createObjectNode();
        node.put("status", "sent");
        node.put("msgId", sent.msgId());
        node.put("localId", sent.localId());
        node.put("to", sent.chatUserName());
        node.put("attempts", sent.attempts());
        node.put("delivery", sent.delivery().name());
        nullable(node, "quotedMsgId", sent.quotedMsgId());
        return node;
    }

    static ObjectNode plugin(PluginStatus status) {
        ObjectNode node = Replies.JSON.createObjectNode();
        node.put("id", status.id());
        node.put("version", status.version());
        node.put("state", status.state().name());
        node.put("reason", status.reason());
        node.put("warning", status.warning());
        node.put("handlers", status.handlers());
        node.put("handled", status.handled());
        node.put("failures", status.failures());
        node.put("timeouts", status.timeouts());
        ArrayNode jobs = node.putArray("jobs");
        status.jobs().forEach(job -> {
            ObjectNode one = jobs.addObject();
            one.put("name", job.name());
            one.put("account", job.account());
            one.put("schedule", job.schedule());
            job.nextRun().ifPresent(next -> one.put("nextRun", next.toString()));
        });
        return node;
    }

    static ObjectNode trace(DispatchTrace trace) {
        ObjectNode node = Replies.JSON.createObjectNode();
        node.put("account", trace.account());
        node.put("event", EventJson.type(trace.event()));
        node.put("chat", trace.chatName());
        node.put("time", trace.at().toString());
        node.put("replied", trace.replied());
        if (trace.event() instanceof MessageEvent message) {
            // what the console's trace page shows of the message itself; the event JSON has the rest
            node.put("msgId", message.envelope().msgId());
            node.put("sender", message.sender().displayName());
            if (message instanceof TextMessage text) node.put("text", text.text());
        }
        ArrayNode steps = node.putArray("steps");
        for (DispatchTrace.Step step : trace.steps()) {
            ObjectNode one = steps.addObject();
            one.put("plugin", step.pluginId());
            one.put("handler", step.handler());
            one.put("outcome", step.result().name());
            one.put("replies", step.replies());
            one.put("millis", step.took().toMillis());
            one.put("detail", step.detail());
            step.quoted().forEach(one.putArray("quoted")::add);
        }
        return node;
    }

    /** {@code value}, or JSON null when it is empty (the API's absent value). */
    private static void nullable(ObjectNode node, String field, String value) {
        if (value.isEmpty()) node.putNull(field); else node.put(field, value);
    }

    static ArrayNode contacts(Iterable<Contact> contacts, Contacts book) {
        ArrayNode array = Replies.JSON.createArrayNode();
        contacts.forEach(c -> array.add(contact(c, book)));
        return array;
    }

    /** A stored message; the media's path in the media folder is the daemon's business and stays out. */
    static ObjectNode storedMessage(StoredMessage message) {
        ObjectNode node = Replies.JSON.createObjectNode();
        node.put("account", message.account());
        node.put("direction", message.direction().name());
        node.put("kind", message.kind());
        node.put("msgId", message.msgId());
        node.put("localId", message.localId());
        ObjectNode chat = node.putObject("chat");
        chat.put("id", message.chatId());
        chat.put("name", message.chatName());
        ObjectNode sender = node.putObject("sender");
        sender.put("id", message.senderId());
        sender.put("name", message.senderName());
        sender.put("groupName", message.senderGroupName());
        sender.put("identity", message.senderIdentity());
        node.put("time", message.time().toString());
        node.put("text", message.text());
        node.put("status", message.status());
        node.put("failure", message.failure());
        nullable(node, "quotedMsgId", message.quotedMsgId());
        if (message.media().isPresent()) {
            MediaRef media = message.media().get();
            ObjectNode file = node.putObject("media");
            file.put("sha256", media.sha256());
            file.put("size", media.size());
            file.put("fileName", media.fileName());
        } else {
            node.putNull("media");
        }
        return node;
    }
}
