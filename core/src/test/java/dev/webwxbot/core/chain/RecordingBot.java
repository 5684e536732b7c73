package dev.webwxbot.core.chain;

import dev.webwxbot.api.AccountOperations;
import dev.webwxbot.api.Bot;
import dev.webwxbot.api.Contact;
import dev.webwxbot.api.ContactKind;
import dev.webwxbot.api.Contacts;
import dev.webwxbot.api.FailureReason;
import dev.webwxbot.api.Outgoing;
import dev.webwxbot.api.Result;
import dev.webwxbot.api.SendReceipt;
import dev.webwxbot.api.event.MessageEvent;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/** A bot with no network behind it: records each text sent as {@code chat:text}; everything else fails. */
class RecordingBot implements Bot {

    private final List<String> sent;

    RecordingBot(List<String> sent) {
        this.sent = sent;
    }

    @Override
    public Contact self() {
        return new Contact("@me", "me", "", "", ContactKind.SELF, "");
    }

    @Override
    public Contacts contacts() {
        return new Contacts() {
            public Optional<Contact> byUserName(String userName) {
                return Optional.empty();
            }

            public List<Contact> find(String name) {
                return List.of();
            }

            public List<Contact> all() {
                return List.of();
            }

            public List<Contact> members(Contact group) {
                return List.of();
            }
        };
    }

    @Override
    public SendReceipt send(Contact chat, Outgoing message) {
        if (!(message instanceof Outgoing.Text text)) {
            return new SendReceipt.Failed(FailureReason.INVALID_REQUEST, 0, "only text is recorded");
        }
        sent.add(chat.userName() + ":" + text.text());
        return new SendReceipt.Sent(String.valueOf(sent.size()), "local", chat.userName());
    }

    @Override
    public Result<Void> revoke(SendReceipt.Sent receipt) {
        return unsupported();
    }

    @Override
    public Result<Path> download(MessageEvent event, Path directory) {
        return unsupported();
    }

    @Override
    public Result<Path> downloadThumbnail(MessageEvent event, Path directory) {
        return unsupported();
    }

    @Override
    public Result<Path> downloadHeadImage(Contact contact, Path directory) {
        return unsupported();
    }

    @Override
    public AccountOperations account() {
        throw new UnsupportedOperationException("no account behind a recording bot");
    }

    private static <T> Result<T> unsupported() {
        return new Result.Failed<>(FailureReason.INVALID_REQUEST, 0, "not available on a recording bot");
    }
}
