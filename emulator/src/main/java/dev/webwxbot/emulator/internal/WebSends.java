package dev.webwxbot.emulator.internal;

import dev.webwxbot.emulator.ConversationLine;
import dev.webwxbot.emulator.Direction;
import dev.webwxbot.emulator.SentMessage;
import dev.webwxbot.emulator.ThrottledSend;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;

/**
 * What web clients sent through the send endpoints (PROTOCOL.md 5): recorded for tests in order, echoed back
 * through webwxsync when so configured (9.7), and withdrawn again within the revoke window (5.7).
 */
public final class WebSends {
    private final World world;
    private final Conversations conversations;
    private final MessageDelivery delivery;
    private final BetweenAccounts betweenAccounts;

    WebSends(World world, Conversations conversations, MessageDelivery delivery, BetweenAccounts betweenAccounts) {
        this.world = world;
        this.conversations = conversations;
        this.delivery = delivery;
        this.betweenAccounts = betweenAccounts;
    }

    /**
     * One accepted send: {@code payload} is the message as it reads ({@code null} for a text, which reads as
     * {@code content}, or when the bytes behind a media send are not held); {@code scene} the body's {@code Scene}
     * (5.1).
     */
    record Outgoing(ContactState to, String toUserName, int type, String content, String localId, String clientMsgId,
                    SentMessage.Kind kind, SentMessage.Media media, String msgSource, boolean modDesktop, int scene,
                    Payload payload) {
    }

    /**
     * Records a send of any kind, carries it to the other accounts of the world it reaches ({@link BetweenAccounts})
     * and, when so configured, echoes it to the sending session with the send's MsgID: 9.7 describes echoes of
     * messages sent through the web session, not only of texts. The echo and the receivers' copies are queued in one
     * hold of the world monitor.
     */
    SentMessage record(WebSession session, Outgoing out) {
        SentMessage sent;
        ConversationLine line;
        List<BetweenAccounts.Delivered> carried = List.of();
        synchronized (world) {
            long msgId = world.ids.messageId();
            Instant now = world.now();
            sent = new SentMessage(now, session.selfUserName, out.toUserName(), out.to().nickName(), out.type(),
                    out.content(), Long.toString(msgId), out.localId(), out.clientMsgId(), out.kind(), out.media(),
                    out.msgSource(), out.modDesktop(), out.scene());
            AccountState account = session.account;
            account.sent.add(sent);
            account.unclaimedSent.addLast(sent);
            boolean text = out.kind() == SentMessage.Kind.TEXT;
            // A session with the lost-echoes fault takes the send but never echoes it (our own zombie model).
            if (world.settings.echoWebSentMessages() && session.zombie != WebSession.Zombie.LOST_ECHOES) {
                if (out.payload() != null) {
                    delivery.echoToSender(session, out.to(), msgId, out.payload());
                } else if (text) {
                    String content = WebText.escape(out.content(), world.settings.emojiAsSpans());
                    long createTime = now.getEpochSecond();
                    session.enqueue(WebSession.EventKind.MESSAGE, Messages.text(msgId, session.selfUserName,
                            out.toUserName(), content, createTime), createTime,
                            other -> Messages.text(msgId, other.selfUserName, other.userNameOf(out.to()), content,
                                    createTime));
                }
            }
            line = conversations.record(account, account.nickName(), out.to().nickName(), summary(out),
                    Direction.OUTGOING);
            Payload payload = out.payload() != null ? out.payload() : text ? new Payload.Text(out.content()) : null;
            if (payload != null) {
                carried = betweenAccounts.carry(account, sent.msgId(), out.to(), payload);
            }
            world.changed();
        }
        Conversations.publish(session.account, line);
        carried.forEach(BetweenAccounts.Delivered::publish);
        return sent;
    }

    /**
     * Withdraws a message the session's account sent through the web, if it exists, was sent to this session's
     * self name and is inside the revoke window; returns it, or {@code null} (the caller answers {@code Ret -1}).
     * Other accounts of the world the message reached get the revoke notice for their copy.
     */
    SentMessage revoke(WebSession session, String msgId) {
        ConversationLine line;
        SentMessage found = null;
        synchronized (world) {
            AccountState account = session.account;
            for (SentMessage sent : account.sent) {
                if (sent.msgId().equals(msgId)) {
                    found = sent;
                }
            }
            if (found == null || account.revokedWebSends.contains(msgId)
                    || found.time().plus(world.settings.revokeWindow()).isBefore(world.now())) {
                return null;
            }
            account.revokedWebSends.add(msgId);
            line = conversations.record(account, account.nickName(), found.toNickName(), "[revoked] " + found.content(),
                    Direction.OUTGOING);
        }
        Conversations.publish(session.account, line);
        betweenAccounts.revoked(session.account, msgId);
        return found;
    }

    /** Takes the next message a web client sent, in order, waiting for one. */
    public SentMessage awaitNext(AccountState account, Duration timeout) {
        SentMessage[] taken = new SentMessage[1];
        world.awaitCondition(timeout, account + " sent no message", () -> {
            taken[0] = account.unclaimedSent.pollFirst();
            return taken[0] != null;
        });
        return taken[0];
    }

    public List<SentMessage> of(AccountState account) {
        synchronized (world) {
            return List.copyOf(account.sent);
        }
    }

    /** Sends refused by a configured send rate limit, oldest first. */
    public List<ThrottledSend> throttled(AccountState account) {
        return world.sendThrottle.throttled(account);
    }

    private static String summary(Outgoing out) {
        if (out.kind() == SentMessage.Kind.TEXT) {
            // A location or card through webwxsendmsg reads as the phone shows it, not as its XML.
            return out.payload() != null ? out.payload().summary() : out.content();
        }
        SentMessage.Media media = out.media();
        return "[" + out.kind().name().toLowerCase(Locale.ROOT) + "] "
                + (media.fileName().isEmpty() ? media.emoticonMd5() : media.fileName());
    }
}
