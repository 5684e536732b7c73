package dev.webwxbot.cluster.stream;

import dev.webwxbot.api.AccountOperations;
import dev.webwxbot.api.Bot;
import dev.webwxbot.api.Contact;
import dev.webwxbot.api.ContactKind;
import dev.webwxbot.api.Contacts;
import dev.webwxbot.api.FailureReason;
import dev.webwxbot.api.History;
import dev.webwxbot.api.HistoryEntry;
import dev.webwxbot.api.Identity;
import dev.webwxbot.api.Outgoing;
import dev.webwxbot.api.Result;
import dev.webwxbot.api.SendReceipt;
import dev.webwxbot.api.event.FriendRequest;
import dev.webwxbot.api.event.MessageEvent;
import dev.webwxbot.core.AnswerOrder;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The gateway's side of the account in these tests: a bot that notes every send (with the answer place
 * {@link AnswerOrder} gave it and the bytes of the file it carried), knows two contacts and a group, downloads a
 * fixed file and keeps a one-line history. Thread-safe.
 */
class FakeGatewayBot implements Bot {

    static final Contact SELF = new Contact("@self", "Bot", "", "", ContactKind.SELF, "");
    static final Contact ALICE = new Contact("@alice", "Alice", "Al", "alice01", ContactKind.FRIEND, "");
    static final Contact GROUP = new Contact("@@group", "Team", "", "", ContactKind.GROUP, "");
    static final byte[] DOWNLOADED = "the downloaded image's bytes".getBytes(java.nio.charset.StandardCharsets.UTF_8);

    /** One send as the gateway carried it out. */
    record Sent(Contact chat, Outgoing message, int answer, byte[] file, String fileName) {
    }

    final List<Sent> sent = new CopyOnWriteArrayList<>();
    final List<String> renamed = new CopyOnWriteArrayList<>();
    private final AtomicInteger ids = new AtomicInteger();

    @Override
    public Contact self() {
        return SELF;
    }

    @Override
    public SendReceipt send(Contact chat, Outgoing message) {
        int answer = AnswerOrder.current().orElse(-1);
        byte[] bytes = new byte[0];
        String name = "";
        Optional<Path> file = CallRunner.fileOf(message);
        if (file.isPresent()) {
            try {
                bytes = Files.readAllBytes(file.get());
                name = file.get().getFileName().toString();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        sent.add(new Sent(chat, message, answer, bytes, name));
        int n = ids.incrementAndGet();
        return new SendReceipt.Sent("srv-" + n, "local-" + n, chat.userName(), SendReceipt.Delivery.ANSWERED, 1, "");
    }

    @Override
    public Result<Void> revoke(SendReceipt.Sent receipt) {
        return new Result.Failed<>(FailureReason.EXPIRED, 0, "too late to revoke " + receipt.msgId());
    }

    @Override
    public Result<Path> download(MessageEvent event, Path directory) {
        try {
            Path file = directory.resolve(event.envelope().msgId() + ".jpg");
            Files.write(file, DOWNLOADED);
            return new Result.Ok<>(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public Result<Path> downloadThumbnail(MessageEvent event, Path directory) {
        return new Result.Failed<>(FailureReason.INVALID_REQUEST, 0, "no thumbnail");
    }

    @Override
    public Result<Path> downloadHeadImage(Contact contact, Path directory) {
        return new Result.Failed<>(FailureReason.INVALID_REQUEST, 0, "no head image");
    }

    @Override
    public Contacts contacts() {
        return new Contacts() {
            @Override
            public Optional<Contact> byUserName(String userName) {
                return List.of(ALICE, GROUP).stream().filter(c -> c.userName().equals(userName)).findFirst();
            }

            @Override
            public List<Contact> find(String query) {
                return List.of(ALICE, GROUP).stream().filter(c -> c.nickName().contains(query)).toList();
            }

            @Override
            public List<Contact> members(Contact group) {
                return group.equals(GROUP) ? List.of(SELF, ALICE) : List.of();
            }

            @Override
            public List<Contact> all() {
                return List.of(ALICE, GROUP);
            }

            @Override
            public Optional<Identity> identity(Contact contact) {
                return Optional.of(new Identity(Identity.Kind.WXID, "wxid_" + contact.nickName().toLowerCase()));
            }
        };
    }

    @Override
    public AccountOperations account() {
        return new AccountOperations() {
            @Override
            public Result<Void> acceptFriendRequest(FriendRequest request) {
                return Result.done();
            }

            @Override
            public Result<Void> addFriend(String userName, String greeting) {
                return Result.done();
            }

            @Override
            public Result<Void> setRemarkName(Contact friend, String remarkName) {
                return Result.done();
            }

            @Override
            public Result<Contact> createGroup(String topic, List<Contact> members) {
                return new Result.Ok<>(new Contact("@@new", topic, "", "", ContactKind.GROUP, ""));
            }

            @Override
            public Result<Void> addMembers(Contact group, List<Contact> members) {
                return Result.done();
            }

            @Override
            public Result<Void> inviteMembers(Contact group, List<Contact> members) {
                return Result.done();
            }

            @Override
            public Result<Void> removeMembers(Contact group, List<Contact> members) {
                return Result.done();
            }

            @Override
            public Result<Void> renameGroup(Contact group, String topic) {
                renamed.add(group.userName() + " -> " + topic);
                return Result.done();
            }
        };
    }

    @Override
    public History history() {
        return new History() {
            @Override
            public List<HistoryEntry> latest(Contact chat, int limit) {
                return List.of(new HistoryEntry(HistoryEntry.Direction.IN, "text", "m-1", chat.userName(),
                        chat.nickName(), "Alice", java.time.Instant.parse("2026-12-07T10:00:00Z"), "earlier",
                        Optional.empty(), ""));
            }

            @Override
            public List<HistoryEntry> search(String text, int limit) {
                return List.of();
            }
        };
    }
}
