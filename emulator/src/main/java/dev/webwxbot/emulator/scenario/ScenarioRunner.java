package dev.webwxbot.emulator.scenario;

import dev.webwxbot.emulator.Account;
import dev.webwxbot.emulator.Contact;
import dev.webwxbot.emulator.Emulator;
import dev.webwxbot.emulator.EmulatorTimeoutException;
import dev.webwxbot.emulator.MessageBody;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * Plays a validated script, step by step, on its own thread (the emulator's network threads are never used):
 * waits for each step's moment, performs it through the emulator's public API and reports it. The first failing
 * step ends the run. Not thread-safe; one runner per run.
 */
final class ScenarioRunner {
    private static final Duration POLL = Duration.ofMillis(50);

    private final Scenario scenario;
    private final Emulator emulator;
    private final Cast cast;
    private final Consumer<String> log;
    private final Consumer<StepOutcome> outcomes;
    /** What each labelled send step delivered, for revoke and quote steps. */
    private final Map<String, Delivered> delivered = new HashMap<>();
    /** Per account, how many messages its web clients had sent when the previous step began. */
    private final Map<String, Integer> sentBeforePrevious = new HashMap<>();
    private final Map<String, Integer> sentBeforeCurrent = new HashMap<>();

    private record Delivered(String msgId, Contact writer, String writerName, String text) {
    }

    ScenarioRunner(Scenario scenario, Emulator emulator, Cast cast, Consumer<String> log,
                   Consumer<StepOutcome> outcomes) {
        this.scenario = scenario;
        this.emulator = emulator;
        this.cast = cast;
        this.log = log;
        this.outcomes = outcomes;
    }

    /** Runs every step; throws {@link StepFailedException} for the first step that fails. */
    void run() throws InterruptedException {
        long start = System.nanoTime();
        for (String accountId : scenario.accountIds()) {
            int sent = cast.account(accountId).sentMessages().size();
            sentBeforePrevious.put(accountId, sent);
            sentBeforeCurrent.put(accountId, sent);
        }
        List<Step> steps = scenario.steps();
        for (Step step : steps) {
            try {
                awaitMoment(step, start);
                for (String accountId : scenario.accountIds()) {
                    sentBeforePrevious.put(accountId, sentBeforeCurrent.get(accountId));
                    sentBeforeCurrent.put(accountId, cast.account(accountId).sentMessages().size());
                }
                StepOutcome outcome = perform(step);
                log.accept("step " + step.number() + "/" + steps.size() + " (line " + step.line() + "): "
                        + outcome.description());
                outcomes.accept(outcome);
            } catch (EmulatorTimeoutException | IllegalArgumentException | IllegalStateException e) {
                if (Thread.currentThread().isInterrupted()) {
                    throw new InterruptedException("scenario stopped");
                }
                throw new StepFailedException(scenario.fileName() + ":" + step.line() + ": step " + step.number()
                        + " (do = " + step.action().name() + ") failed: " + e.getMessage(), e);
            }
        }
    }

    private void awaitMoment(Step step, long start) throws InterruptedException {
        switch (step.timing()) {
            case Step.Timing.At at -> {
                long remaining = start + at.sinceStart().toNanos() - System.nanoTime();
                if (remaining > 0) {
                    Thread.sleep(Duration.ofNanos(remaining));
                }
            }
            case Step.Timing.After after -> {
                Account account = cast.account(step.accountId());
                switch (after.event()) {
                    case PREVIOUS -> {
                    }
                    case ONLINE -> account.awaitOnline(scenario.waitTimeout());
                    case REPLY -> awaitReply(step, account);
                }
                if (after.delay().isPositive()) {
                    Thread.sleep(after.delay());
                }
            }
        }
    }

    /** Waits until the account's web clients sent more than they had when the previous step began. */
    private void awaitReply(Step step, Account account) throws InterruptedException {
        int baseline = sentBeforeCurrent.get(step.accountId());
        long deadline = System.nanoTime() + scenario.waitTimeout().toNanos();
        while (account.sentMessages().size() <= baseline) {
            if (System.nanoTime() > deadline) {
                throw new EmulatorTimeoutException(account.nickName() + " sent no reply within " + scenario.waitTimeout());
            }
            Thread.sleep(POLL);
        }
    }

    private StepOutcome perform(Step step) {
        Account account = cast.account(step.accountId());
        String who = account.nickName();
        return switch (step.action()) {
            case Action.ScanAndConfirm ignored -> {
                String uuid = emulator.awaitQrUuid(scenario.waitTimeout());
                account.phone().scan(uuid);
                account.phone().confirm();
                yield outcome(step, "", "", "phone of " + who + " scans QR code " + uuid + " and confirms");
            }
            case Action.Scan ignored -> {
                String uuid = emulator.awaitQrUuid(scenario.waitTimeout());
                account.phone().scan(uuid);
                yield outcome(step, "", "", "phone of " + who + " scans QR code " + uuid);
            }
            case Action.Confirm ignored -> {
                account.phone().confirm();
                yield outcome(step, "", "", "phone of " + who + " confirms the login");
            }
            case Action.Cancel ignored -> {
                account.phone().cancel();
                yield outcome(step, "", "", "phone of " + who + " cancels the login");
            }
            case Action.Logout ignored -> {
                account.phone().logoutWeb();
                yield outcome(step, "", "", "phone of " + who + " logs Web WeChat out");
            }
            case Action.Wait ignored -> outcome(step, "", "", "waited");
            case Action.Send send -> send(step, account, send);
            case Action.Revoke revoke -> {
                Delivered original = delivered.get(revoke.messageStepId());
                String msgId = original.writer() == null ? account.phone().revoke(original.msgId())
                        : original.writer().revoke(original.msgId());
                yield outcome(step, "", msgId, original.writerName() + " revokes message " + original.msgId()
                        + " (step " + revoke.messageStepId() + ")");
            }
            case Action.FriendRequest request -> {
                Contact requester = account.receiveFriendRequest(request.nickName(), request.greeting());
                cast.put(step.accountId(), request.newContactId(), requester);
                yield outcome(step, "", "", request.nickName() + " asks " + who + " to be friends: " + request.greeting());
            }
            case Action.AcceptRequest accept -> {
                Contact requester = contact(step, accept.requester());
                account.phone().acceptFriendRequest(requester);
                yield outcome(step, "", "", "phone of " + who + " accepts the request of " + requester.nickName());
            }
            case Action.RequestAccepted accepted -> {
                Contact stranger = contact(step, accepted.contact());
                stranger.acceptYourRequest();
                yield outcome(step, "", "", stranger.nickName() + " accepts the friend request of " + who);
            }
            case Action.ModifyContact modify -> {
                Contact contact = contact(step, modify.contact());
                String before = contact.nickName();
                if (modify.nickName() != null || modify.remark() != null) {
                    contact.modify(modify.nickName(), modify.remark());
                }
                if (modify.alias() != null) {
                    contact.setAlias(modify.alias());
                }
                yield outcome(step, "", "", "contact " + before + " changes:"
                        + (modify.nickName() == null ? "" : " nickname → " + modify.nickName())
                        + (modify.remark() == null ? "" : " remark → " + modify.remark())
                        + (modify.alias() == null ? "" : " alias → " + modify.alias()));
            }
            case Action.DeleteContact delete -> {
                Contact contact = contact(step, delete.contact());
                account.deleteContact(contact);
                yield outcome(step, "", "", who + " deletes " + contact.nickName() + " from the address book");
            }
            case Action.SetDisplayName name -> {
                Contact group = contact(step, name.group());
                Contact member = contact(step, name.member());
                group.setMemberDisplayName(member, name.displayName());
                yield outcome(step, "", "", member.nickName() + " is called \"" + name.displayName() + "\" in "
                        + group.nickName());
            }
            case Action.AddFriend add -> {
                Contact friend = account.addFriend(add.nickName());
                cast.put(step.accountId(), add.newContactId(), friend);
                yield outcome(step, "", "", add.nickName() + " adds " + who + " as a friend");
            }
            case Action.ChangeAvatar avatar -> {
                Contact contact = contact(step, avatar.contact());
                contact.changeHeadImage();
                yield outcome(step, "", "", contact.nickName() + " sets a new avatar");
            }
            case Action.SetFlags flags -> {
                Contact contact = contact(step, flags.contact());
                if (flags.starred() != null) {
                    contact.setStarred(flags.starred());
                }
                if (flags.pinned() != null) {
                    contact.setPinned(flags.pinned());
                }
                if (flags.muted() != null) {
                    contact.setMuted(flags.muted());
                }
                yield outcome(step, "", "", "phone of " + who + " sets " + contact.nickName() + ":"
                        + (flags.starred() == null ? "" : " starred " + flags.starred())
                        + (flags.pinned() == null ? "" : " pinned " + flags.pinned())
                        + (flags.muted() == null ? "" : " muted " + flags.muted()));
            }
            case Action.Join join -> {
                Contact group = contact(step, join.group());
                Contact member = contact(step, join.member());
                Contact inviter = join.inviter() == null ? null : contact(step, join.inviter());
                if (join.viaQrCode()) {
                    group.addMemberByQrCode(member, inviter);
                } else {
                    group.addMember(member, inviter);
                }
                yield outcome(step, "", "", join.viaQrCode()
                        ? member.nickName() + " joins " + group.nickName() + " by the QR code "
                                + (inviter == null ? who : inviter.nickName()) + " shared"
                        : (inviter == null ? who : inviter.nickName()) + " adds " + member.nickName() + " to "
                                + group.nickName());
            }
            case Action.Quit quit -> {
                Contact group = contact(step, quit.group());
                Contact member = contact(step, quit.member());
                group.memberQuits(member);
                yield outcome(step, "", "", member.nickName() + " quits " + group.nickName());
            }
            case Action.RemoveAccount remove -> {
                Contact group = contact(step, remove.group());
                Contact by = contact(step, remove.by());
                group.removeAccount(by);
                yield outcome(step, "", "", by.nickName() + " removes " + who + " from " + group.nickName());
            }
            case Action.TransferOwnership transfer -> {
                Contact group = contact(step, transfer.group());
                boolean toAccount = transfer.to().equals(step.accountId());
                Contact to = toAccount ? null : contact(step, transfer.to());
                group.transferOwnership(to);
                yield outcome(step, "", "", (toAccount ? who : to.nickName()) + " now owns " + group.nickName());
            }
            case Action.Leave leave -> {
                Contact group = contact(step, leave.group());
                Contact member = contact(step, leave.member());
                Contact remover = leave.remover() == null ? null : contact(step, leave.remover());
                group.removeMember(member, remover);
                yield outcome(step, "", "", member.nickName() + " leaves " + group.nickName()
                        + (remover == null ? " (removed by " + who + ")" : ""));
            }
            case Action.RenameGroup rename -> {
                Contact group = contact(step, rename.group());
                String before = group.nickName();
                Contact by = rename.by() == null ? null : contact(step, rename.by());
                group.renameGroup(rename.newName(), by);
                yield outcome(step, "", "", (by == null ? who : by.nickName()) + " renames " + before + " to "
                        + rename.newName());
            }
            case Action.Raw raw -> {
                String msgId = raw.from() == null ? account.injectRawMessage(raw.json())
                        : raw.userNames().isEmpty() ? account.injectRawMessage(raw.json(), contact(step, raw.from()))
                        : account.injectRawMessage(raw.json(), contact(step, raw.from()), recordedSelf(raw),
                                recordedContacts(step, raw));
                yield outcome(step, "", msgId, "a captured message (" + raw.json().length() + " characters of JSON)"
                        + " arrives as MsgId " + msgId);
            }
        };
    }

    private StepOutcome send(Step step, Account account, Action.Send send) {
        MessageSpec message = send.message();
        String msgId;
        Contact writer;
        String writerName;
        String where;
        if (message instanceof MessageSpec.SystemNotice || message instanceof MessageSpec.RedPacket) {
            Contact chat = contact(step, send.in() != null ? send.in() : send.from());
            msgId = chat.send(body(step, account, message, chat));
            writer = chat;
            writerName = "system";
            where = " in the chat with " + chat.nickName();
        } else if (send.from().equals(ScenarioParser.PHONE)) {
            Contact to = contact(step, send.to());
            msgId = account.phone().send(to, body(step, account, message, to));
            writer = null;
            writerName = account.nickName();
            where = " from the phone to " + to.nickName();
        } else if (send.in() != null) {
            Contact group = contact(step, send.in());
            writer = contact(step, send.from());
            msgId = writer.sendIn(group, body(step, account, message, group));
            writerName = nameIn(group, writer);
            where = " in " + group.nickName();
        } else {
            writer = contact(step, send.from());
            msgId = writer.send(body(step, account, message, null));
            writerName = writer.nickName();
            where = " to " + account.nickName();
        }
        if (!step.id().isEmpty()) {
            delivered.put(step.id(), new Delivered(msgId, writer, writerName, textOf(message)));
        }
        String sample = message instanceof MessageSpec.Text text ? ": \"" + abbreviate(text.text()) + "\"" : "";
        String sender = writerName.equals("system") ? "a system notice" : writerName + " sends " + message.kind();
        return outcome(step, message.kind(), msgId, sender + where + sample + " (MsgId " + msgId + ")");
    }

    private MessageBody body(Step step, Account account, MessageSpec message, Contact group) {
        return switch (message) {
            case MessageSpec.Text text -> MessageBody.text(text.text());
            case MessageSpec.Mention mention -> MessageBody.mention(mention.text(), mention.mentioned().stream()
                    .map(id -> id.equals(ScenarioParser.SELF) ? account.nickName() : nameIn(group, contact(step, id)))
                    .toArray(String[]::new));
            case MessageSpec.Image image -> MessageBody.image(image.jpeg(), image.width(), image.height());
            case MessageSpec.Voice voice -> MessageBody.voice(voice.mp3(), voice.millis());
            case MessageSpec.Video video -> MessageBody.video(video.mp4(), video.seconds());
            case MessageSpec.File file -> MessageBody.file(file.fileName(), file.bytes());
            case MessageSpec.Card card -> MessageBody.card(contact(step, card.subject()));
            case MessageSpec.Emoticon emoticon -> MessageBody.emoticon(emoticon.gif(), emoticon.width(), emoticon.height());
            case MessageSpec.Location location -> MessageBody.location(location.label(), location.latitude(),
                    location.longitude());
            case MessageSpec.Link link -> MessageBody.link(link.title(), link.description(), link.url());
            case MessageSpec.Music music -> MessageBody.music(music.title(), music.description(), music.url(),
                    music.streamUrl());
            case MessageSpec.MiniProgram program -> MessageBody.miniProgram(program.title(), program.appId(),
                    program.userName(), program.pagePath());
            case MessageSpec.Quote quote -> {
                Delivered quoted = delivered.get(quote.quotedStepId());
                yield MessageBody.quote(quote.text(), quoted.msgId(), quoted.writerName(),
                        quote.quotedText() != null ? quote.quotedText() : quoted.text());
            }
            case MessageSpec.Transfer transfer -> MessageBody.transfer(transfer.amount(), transfer.memo());
            case MessageSpec.RedPacket ignored -> MessageBody.redPacketNotice();
            case MessageSpec.SystemNotice notice -> MessageBody.systemNotice(notice.text());
        };
    }

    /** The member's nickname inside {@code group} when set, else their own nickname. */
    private static String nameIn(Contact group, Contact member) {
        String inGroup = group == null ? "" : group.memberDisplayName(member);
        return inGroup.isEmpty() ? member.nickName() : inGroup;
    }

    private static String textOf(MessageSpec message) {
        return switch (message) {
            case MessageSpec.Text text -> text.text();
            case MessageSpec.Mention mention -> mention.text();
            case MessageSpec.Quote quote -> quote.text();
            default -> "[" + message.kind() + "]";
        };
    }

    private static String recordedSelf(Action.Raw raw) {
        return raw.userNames().entrySet().stream().filter(e -> e.getValue().equals("self")).map(Map.Entry::getKey)
                .findFirst().orElse("");
    }

    private Map<String, Contact> recordedContacts(Step step, Action.Raw raw) {
        Map<String, Contact> contacts = new HashMap<>();
        raw.userNames().forEach((name, id) -> {
            if (!id.equals("self")) {
                contacts.put(name, contact(step, id));
            }
        });
        return contacts;
    }

    private Contact contact(Step step, String id) {
        return cast.contact(step.accountId(), id);
    }

    private static StepOutcome outcome(Step step, String kind, String msgId, String description) {
        return new StepOutcome(step.number(), step.line(), step.id(), step.action().name(), kind, msgId, description);
    }

    private static String abbreviate(String text) {
        String oneLine = text.replace('\n', ' ');
        return oneLine.length() > 60 ? oneLine.substring(0, 60) + "…" : oneLine;
    }

    /** A step could not be performed; the message names file, line, step and cause. */
    static final class StepFailedException extends RuntimeException {
        private static final long serialVersionUID = 1L;

        StepFailedException(String message, Throwable cause) {
            super(message, cause);
        }
    }
}
