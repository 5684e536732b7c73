package dev.webwxbot.server;

import dev.webwxbot.api.Bot;
import dev.webwxbot.api.Contact;
import dev.webwxbot.api.Outgoing;
import dev.webwxbot.api.SendReceipt;
import dev.webwxbot.api.event.MessageEvent;
import dev.webwxbot.server.account.Account;
import dev.webwxbot.server.account.Accounts;
import dev.webwxbot.server.webhook.WebhookReplies;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sends a webhook's reply to the chat of the message it answered, through that message's account. Mentions are
 * members of that group named by their in-group name, nickname or remark name; a name no member has is left out
 * with a warning (the text still goes).
 */
final class AccountReplies implements WebhookReplies {

    private static final Logger log = LoggerFactory.getLogger(AccountReplies.class);

    volatile Accounts accounts; // set once the accounts exist; webhooks deliver only after they started

    @Override
    public void reply(String accountId, MessageEvent to, Reply reply) {
        Optional<Bot> bot = Optional.ofNullable(accounts).flatMap(a -> a.get(accountId)).flatMap(Account::bot);
        if (bot.isEmpty()) {
            log.warn("a webhook's reply for account {} is dropped: the account is gone", accountId);
            return;
        }
        Contact chat = to.envelope().chat();
        SendReceipt receipt = bot.get().send(chat, new Outgoing.Text(reply.text(), mentions(bot.get(), chat, reply.mentions())));
        if (receipt instanceof SendReceipt.Failed failed) {
            log.warn("account {}: a webhook's reply could not be sent: {} {}", accountId, failed.reason(), failed.detail());
        }
    }

    private static List<Contact> mentions(Bot bot, Contact chat, List<String> names) {
        if (names.isEmpty() || !chat.isGroup()) return List.of();
        List<Contact> members = bot.contacts().members(chat);
        List<Contact> found = new ArrayList<>();
        for (String name : names) {
            Optional<Contact> member = members.stream().filter(m -> m.groupDisplayName().equals(name)
                    || m.nickName().equals(name) || m.remarkName().equals(name)).findFirst();
            if (member.isPresent()) {
                found.add(member.get());
            } else {
                log.warn("a webhook's reply mentions '{}', who is not a member of the group; left out", name);
            }
        }
        return found;
    }
}
