package dev.webwxbot.core.internal.send;

import dev.webwxbot.api.Contact;
import dev.webwxbot.api.FailureReason;
import dev.webwxbot.api.Outgoing;
import dev.webwxbot.api.SendReceipt;
import dev.webwxbot.core.SessionMonitor;
import dev.webwxbot.core.internal.contact.ContactBook;
import dev.webwxbot.core.internal.protocol.ApiErrorException;
import dev.webwxbot.core.internal.protocol.MediaCalls;
import dev.webwxbot.core.internal.protocol.SessionCalls;
import dev.webwxbot.core.internal.protocol.SessionCalls.SentMessage;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Function;
import java.util.function.Supplier;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Turns each {@link Outgoing} kind into its calls (PROTOCOL.md 5, 6): a text (with the @-mentions of 5.2), or an
 * upload followed by the media send. The upload and the send of one message go through the {@link OutgoingGate}
 * as one call, so messages to one chat keep their order. Thread-safe; never completes exceptionally.
 *
 * <p>Every attempt of one message carries the same {@code LocalID}/{@code ClientMsgId}. An attempt that certainly
 * did not deliver the message (see {@link SendFailures}) fails with a {@link RetryableSendFailure}, which the
 * governor retries; a media send whose upload succeeded sends again with the same {@code MediaId} rather than
 * uploading again. An attempt whose request was written but whose answer was lost waits for the message's sync
 * echo ({@link SentEchoes}) for the echo window: an echo means it was delivered (nothing is sent again), none
 * means it is retried like the others. The receipt says which of these happened ({@link SendReceipt.Delivery}).
 */
public final class OutgoingSender {
    private static final Logger log = LoggerFactory.getLogger(OutgoingSender.class);
    private static final Pattern MD5 = Pattern.compile("[0-9a-fA-F]{32}");

    private final ContactBook contacts;
    private final Mentions mentions;
    private final Supplier<SessionLink> link;
    private final OutgoingGate gate;
    private final MediaLimits limits;
    private final SentEchoes echoes;
    private final SessionMonitor monitor;

    public OutgoingSender(ContactBook contacts, Supplier<SessionLink> link, OutgoingGate gate, MediaLimits limits,
                          SentEchoes echoes) {
        this(contacts, link, gate, limits, echoes, SessionMonitor.NONE);
    }

    /** @param monitor told of each message's outcome ({@link SessionMonitor#sent}); must return at once, not throw */
    public OutgoingSender(ContactBook contacts, Supplier<SessionLink> link, OutgoingGate gate, MediaLimits limits,
                          SentEchoes echoes, SessionMonitor monitor) {
        this.monitor = Objects.requireNonNull(monitor, "monitor");
        this.contacts = contacts;
        this.mentions = new Mentions(contacts);
        this.link = link;
        this.gate = gate;
        this.limits = limits;
        this.echoes = Objects.requireNonNull(echoes, "echoes");
    }

    /** Sends {@code message} under a fresh {@code LocalID}. */
    public CompletableFuture<SendReceipt> send(Contact chat, Outgoing message) {
        return send(chat, message, null);
    }

    /**
     * Sends {@code message} with {@code localId} as its {@code LocalID} and {@code ClientMsgId} on every attempt
     * (for a caller that needs to know the id beforehand, e.g. to recognise a replayed send); {@code null} for a
     * fresh one. A caller's id must be 1 to 20 ASCII digits (the official page's are 17: a 13-digit millisecond
     * time and 4 more digits); anything else fails the send with {@code INVALID_REQUEST}.
     */
    public CompletableFuture<SendReceipt> send(Contact chat, Outgoing message, String localId) {
        String operation = operationOf(message);
        String to = chat.userName();
        Outcomes outcomes = new Outcomes(kindOf(message), System.nanoTime());
        if (localId != null) {
            try {
                SessionCalls.checkedLocalId(localId);
            } catch (IllegalArgumentException e) {
                return outcomes.settled(failed(to,
                        new OutgoingFailure(FailureReason.INVALID_REQUEST, 0, operation + ": " + e.getMessage())));
            }
        }
        SessionLink online = link.get();
        if (online == null) {
            return outcomes.settled(
                    new SendReceipt.Failed(FailureReason.LOGGED_OUT, 0, operation + ": the session is not online"));
        }
        String id = localId != null ? localId : online.calls().newLocalId();
        Attempts attempts = new Attempts();
        Supplier<CompletableFuture<SentMessage>> call;
        try {
            call = callFor(online, chat, message, id, attempts);
        } catch (OutgoingFailure refused) {
            return outcomes.settled(failed(to, refused));
        }
        return gate.submit(to, call)
                .<SendReceipt>thenApply(sent -> outcomes.report(new SendReceipt.Sent(sent.msgId(), sent.localId(), to,
                        attempts.delivery(), attempts.count(), quotedMsgId(message))))
                // A send cut off by a stop has no outcome yet: the outbox keeps it, and the next run settles it.
                .exceptionally(failure -> stoppedBeforeSending(failure)
                        ? quietlyFailed(attempts.failure(failure, operation))
                        : outcomes.report(failed(to, attempts.failure(failure, operation))));
    }

    /** Tells the monitor of one message's outcome, with the time from the send being asked for. */
    private final class Outcomes {
        private final String kind;
        private final long askedAt;

        Outcomes(String kind, long askedAt) {
            this.kind = kind;
            this.askedAt = askedAt;
        }

        SendReceipt report(SendReceipt outcome) {
            Duration latency = Duration.ofNanos(System.nanoTime() - askedAt);
            monitor.sent(kind, latency, switch (outcome) {
                case SendReceipt.Sent sent -> Optional.<FailureReason>empty();
                case SendReceipt.Failed failed -> Optional.of(failed.reason());
            });
            return outcome;
        }

        CompletableFuture<SendReceipt> settled(SendReceipt outcome) {
            return CompletableFuture.completedFuture(report(outcome));
        }
    }

    /** The message kind a monitor is told: lower-case, as {@link SessionMonitor#sent} lists them. */
    private static String kindOf(Outgoing message) {
        return switch (message) {
            case Outgoing.Text text -> "text";
            case Outgoing.Quote quote -> "text";
            case Outgoing.Image image -> "image";
            case Outgoing.Video video -> "video";
            case Outgoing.File file -> "file";
            case Outgoing.Emoticon emoticon -> "emoticon";
            case Outgoing.StoredEmoticon stored -> "emoticon";
            case Outgoing.Forward forward -> ForwardPlan.kindOf(forward.original());
        };
    }

    /**
     * The session stopped while the send waited: no refusal by anyone. The session's outbox keeps it for the next
     * run and the stop says how many it kept, so a stop with a queue is not a wall of warnings.
     */
    private static boolean stoppedBeforeSending(Throwable failure) {
        Throwable cause = failure;
        while (cause instanceof java.util.concurrent.CompletionException && cause.getCause() != null) {
            cause = cause.getCause();
        }
        return cause instanceof SendGovernor.SendStoppedException;
    }

    private static SendReceipt.Failed quietlyFailed(OutgoingFailure failure) {
        log.debug("not sent: {}", failure.getMessage());
        return new SendReceipt.Failed(failure.reason(), failure.code(), failure.getMessage());
    }

    private Supplier<CompletableFuture<SentMessage>> callFor(SessionLink online, Contact chat, Outgoing message,
                                                             String localId, Attempts attempts) {
        MediaCalls media = online.calls().media();
        String self = online.selfUserName();
        String to = chat.userName();
        var credentials = online.credentials();
        return switch (message) {
            case Outgoing.Text text -> {
                String content = mentions.prefixed(chat, text.text(), text.mentions());
                if (content.isEmpty()) {
                    throw new OutgoingFailure(FailureReason.INVALID_REQUEST, 0, "webwxsendmsg: an empty text");
                }
                yield textCall(online, to, content, Mentions.msgSource(chat, text.mentions()), localId, attempts);
            }
            case Outgoing.Quote quote -> {
                if (quote.text().isEmpty()) {
                    throw new OutgoingFailure(FailureReason.INVALID_REQUEST, 0, "webwxsendmsg: a quote with no reply");
                }
                String content = QuoteText.render(contacts, chat, quote);
                String msgSource = Mentions.msgSource(chat, QuoteText.mentioned(contacts, chat, quote));
                yield textCall(online, to, content, msgSource, localId, attempts);
            }
            case Outgoing.Image image -> uploadThen(online, chat, image.file(), limits.imageBytes(), null, attempts,
                    SentEchoes.Expected.media(to, 3), localId,
                    uploaded -> media.sendImage(credentials, self, to, uploaded.mediaId(), localId));
            case Outgoing.Video video -> uploadThen(online, chat, video.file(), limits.videoBytes(), null, attempts,
                    SentEchoes.Expected.media(to, 43), localId,
                    uploaded -> media.sendVideo(credentials, self, to, uploaded.mediaId(), localId));
            case Outgoing.File file -> {
                String name = fileName(file.file());
                yield uploadThen(online, chat, file.file(), limits.fileBytes(), null, attempts,
                        SentEchoes.Expected.file(to, name), localId,
                        uploaded -> media.sendFile(credentials, self, to, name, uploaded.size(), uploaded.mediaId(),
                                MediaTypes.extension(name), uploaded.signature(), localId));
            }
            // Stickers are uploaded as doc whatever they are, as the official page and ItChat do (5.6).
            case Outgoing.Emoticon emoticon -> uploadThen(online, chat, emoticon.file(), limits.emoticonBytes(), "doc",
                    attempts, SentEchoes.Expected.media(to, 47), localId,
                    uploaded -> media.sendEmoticon(credentials, self, to, uploaded.mediaId(), localId));
            case Outgoing.StoredEmoticon stored -> {
                if (!MD5.matcher(stored.md5()).matches()) {
                    throw new OutgoingFailure(FailureReason.INVALID_REQUEST, 0,
                            "webwxsendemoticon: not an MD5: " + stored.md5().length() + " characters");
                }
                String md5 = stored.md5().toLowerCase(java.util.Locale.ROOT);
                SentEchoes.Expected echo = SentEchoes.Expected.media(to, 47);
                yield () -> {
                    attempts.started();
                    return finalSend(attempts, echo, localId,
                            () -> media.sendEmoticon(credentials, self, to, md5, localId));
                };
            }
            case Outgoing.Forward forward -> forwardCall(online, to, ForwardPlan.of(forward.original()), localId,
                    attempts);
        };
    }

    /** The call that forwards a received message as {@code plan} says, nothing uploaded; its echo as it will look. */
    private Supplier<CompletableFuture<SentMessage>> forwardCall(SessionLink online, String to, ForwardPlan plan,
                                                                String localId, Attempts attempts) {
        return () -> {
            attempts.started();
            return finalSend(attempts, plan.echo(to), localId,
                    () -> plan.send(online.calls(), online.credentials(), online.selfUserName(), to, localId));
        };
    }

    /**
     * How the echo of {@code forward} to {@code to} looks (PROTOCOL.md 9.7); for a kind that cannot be forwarded, an
     * empty text, which no echo matches.
     */
    public static SentEchoes.Expected expectedEcho(String to, Outgoing.Forward forward) {
        try {
            return ForwardPlan.of(forward.original()).echo(to);
        } catch (OutgoingFailure refused) {
            return SentEchoes.Expected.text(to, "");
        }
    }

    /** The call that sends {@code content} as a text (5.2), its echo expected as that text. */
    private Supplier<CompletableFuture<SentMessage>> textCall(SessionLink online, String to, String content,
                                                             String msgSource, String localId, Attempts attempts) {
        SentEchoes.Expected echo = SentEchoes.Expected.text(to, content);
        return () -> {
            attempts.started();
            return finalSend(attempts, echo, localId, () -> online.calls().sendText(online.credentials(),
                    online.selfUserName(), to, content, msgSource, localId));
        };
    }

    /** The message a send quotes, for its receipt; empty for anything but a quote. */
    private static String quotedMsgId(Outgoing message) {
        return message instanceof Outgoing.Quote quote ? quote.quotedMsgId() : "";
    }

    /**
     * One attempt of the call that delivers the message, sorted by its outcome: answered; certainly not delivered
     * (retryable, {@code 1205} left to the governor as before); refused (final); or answer lost, settled by the
     * echo within the window, else retryable as unconfirmed.
     */
    private CompletableFuture<SentMessage> finalSend(Attempts attempts, SentEchoes.Expected expected, String localId,
                                                     Supplier<CompletableFuture<SentMessage>> send) {
        SentEchoes.Watch watch = echoes.watch(expected, localId);
        CompletableFuture<SentMessage> answer;
        try {
            answer = send.get();
        } catch (RuntimeException e) {
            watch.cancel();
            return CompletableFuture.failedFuture(e);
        }
        return answer.handle((sent, failure) -> {
            if (failure == null) {
                watch.answered(sent.msgId());
                return CompletableFuture.completedFuture(sent);
            }
            Throwable cause = SendFailures.unwrap(failure);
            return switch (SendFailures.classify(cause)) {
                case NOT_PROCESSED -> {
                    watch.cancel();
                    yield CompletableFuture.<SentMessage>failedFuture(retryable(cause));
                }
                case FINAL -> {
                    watch.cancel();
                    yield CompletableFuture.<SentMessage>failedFuture(cause);
                }
                case AMBIGUOUS -> {
                    log.info("the answer to a send was lost ({}); waiting for its echo", cause.getMessage());
                    yield watch.await().thenCompose(echo -> {
                        if (echo.isPresent()) {
                            attempts.confirmedByEcho();
                            log.info("the echo of the send arrived (MsgId {}): it was delivered", echo.get().msgId());
                            return CompletableFuture.completedFuture(new SentMessage(echo.get().msgId(), localId));
                        }
                        attempts.unconfirmed();
                        return CompletableFuture.<SentMessage>failedFuture(new RetryableSendFailure(cause, true));
                    });
                }
            };
        }).thenCompose(Function.identity());
    }

    /** A failure that certainly did not deliver the message: {@code 1205} as it is (the governor's), else retryable. */
    private static Throwable retryable(Throwable cause) {
        return cause instanceof ApiErrorException ? cause : new RetryableSendFailure(cause, false);
    }

    /**
     * Checks the file now (so a refusal needs no call), and returns the call that uploads it and then sends.
     * {@code forcedMediaType} null means the type recognised from the content. The call opens the file itself, on
     * the gate's thread, and closes it when done: a call the gate never runs (queue full, session stopped) leaves
     * nothing open. A retried call reuses a completed upload ({@code MediaId}) and otherwise reads the file afresh;
     * an upload that failed in any way but a refusal is retryable, as the message was not sent.
     */
    private Supplier<CompletableFuture<SentMessage>> uploadThen(
            SessionLink online, Contact chat, Path path, long limit, String forcedMediaType, Attempts attempts,
            SentEchoes.Expected expected, String localId,
            Function<MediaUploader.Uploaded, CompletableFuture<SentMessage>> send) {
        long size = LocalFile.checkedSize(path);
        if (size > limit) {
            throw new OutgoingFailure(FailureReason.TOO_LARGE, 0, "webwxuploadmedia: " + fileName(path) + " has "
                    + size + " bytes, the limit is " + limit + " bytes");
        }
        String dataTicket = online.calls().dataTicket().orElse(null);
        if (dataTicket == null) {
            throw new OutgoingFailure(FailureReason.LOGGED_OUT, 0,
                    "webwxuploadmedia: the session has no webwx_data_ticket cookie");
        }
        MediaUploader uploader = new MediaUploader(online.calls().media());
        MediaUploader.Target target = new MediaUploader.Target(online.credentials(), online.selfUserName(),
                chat.userName(), dataTicket);
        AtomicReference<MediaUploader.Uploaded> done = new AtomicReference<>();
        return () -> {
            attempts.started();
            MediaUploader.Uploaded already = done.get();
            if (already != null) {
                return finalSend(attempts, expected, localId, () -> send.apply(already));
            }
            LocalFile file;
            try {
                file = LocalFile.open(path);
            } catch (OutgoingFailure refused) {
                return CompletableFuture.failedFuture(refused);
            }
            CompletableFuture<MediaUploader.Uploaded> uploaded = file.head().thenCompose(head -> {
                MediaTypes.Content content = MediaTypes.sniff(head);
                String mediaType = forcedMediaType != null ? forcedMediaType : content.mediaType;
                return uploader.upload(file, mediaType, MediaTypes.mime(content, file.fileName()), target);
            });
            uploaded.whenComplete((ignored, failure) -> file.close());
            return uploaded.handle((media, failure) -> {
                if (failure == null) {
                    done.set(media);
                    return finalSend(attempts, expected, localId, () -> send.apply(media));
                }
                Throwable cause = SendFailures.unwrap(failure);
                return CompletableFuture.<SentMessage>failedFuture(
                        SendFailures.classify(cause) == SendFailures.Kind.FINAL ? cause : retryable(cause));
            }).thenCompose(Function.identity());
        };
    }

    private static String fileName(Path path) {
        Path name = path.getFileName();
        return name == null ? "file" : name.toString();
    }

    private static String operationOf(Outgoing message) {
        return switch (message) {
            case Outgoing.Text text -> "webwxsendmsg";
            case Outgoing.Quote quote -> "webwxsendmsg";
            case Outgoing.Image image -> "webwxsendmsgimg";
            case Outgoing.Video video -> "webwxsendvideomsg";
            case Outgoing.File file -> "webwxsendappmsg";
            case Outgoing.Emoticon emoticon -> "webwxsendemoticon";
            case Outgoing.StoredEmoticon stored -> "webwxsendemoticon";
            case Outgoing.Forward forward -> ForwardPlan.endpointOf(forward.original());
        };
    }

    /**
     * What the attempts of one message went through, for its receipt. Attempts of one message never overlap (the
     * gate runs them one after another), but they run on different threads: hence the atomics.
     */
    private static final class Attempts {
        private final AtomicInteger count = new AtomicInteger();
        private volatile boolean unconfirmed;
        private volatile boolean confirmedByEcho;

        void started() {
            count.incrementAndGet();
        }

        void unconfirmed() {
            unconfirmed = true;
        }

        void confirmedByEcho() {
            confirmedByEcho = true;
        }

        int count() {
            return Math.max(1, count.get());
        }

        SendReceipt.Delivery delivery() {
            if (confirmedByEcho) return SendReceipt.Delivery.CONFIRMED_BY_ECHO;
            if (unconfirmed) return SendReceipt.Delivery.RETRIED_UNCONFIRMED;
            return count.get() > 1 ? SendReceipt.Delivery.RETRIED : SendReceipt.Delivery.ANSWERED;
        }

        /** The failure of the whole send: the last attempt's cause, with the attempts made when there were several. */
        OutgoingFailure failure(Throwable failure, String operation) {
            Throwable cause = SendFailures.unwrap(failure);
            boolean gaveUp = cause instanceof RetryableSendFailure;
            Throwable last = gaveUp && cause.getCause() != null ? cause.getCause() : cause;
            OutgoingFailure classified = OutgoingFailure.of(last, operation, FailureReason.REJECTED);
            FailureReason reason = classified.reason();
            if (unconfirmed) {
                reason = FailureReason.UNCONFIRMED;
            } else if (gaveUp && reason == FailureReason.REJECTED) {
                reason = FailureReason.NETWORK; // HTTP 5xx or a lost upload answer: the server was not usable
            }
            int made = count.get();
            String detail = classified.getMessage();
            String named = operation + ": " + operation; // a cause whose message already names the call
            if (detail.startsWith(named)) detail = detail.substring(operation.length() + 2);
            if (made > 1 || unconfirmed) {
                detail += " (gave up after " + made + " attempt" + (made == 1 ? "" : "s")
                        + (unconfirmed ? "; an attempt whose answer was lost was not confirmed by its echo, so the"
                                + " message may have been delivered" : "") + ")";
            }
            return new OutgoingFailure(reason, classified.code(), detail);
        }
    }

    private static SendReceipt.Failed failed(String to, OutgoingFailure failure) {
        log.warn("sending to {} failed ({}): {}", to, failure.reason(), failure.getMessage());
        return new SendReceipt.Failed(failure.reason(), failure.code(), failure.getMessage());
    }
}
