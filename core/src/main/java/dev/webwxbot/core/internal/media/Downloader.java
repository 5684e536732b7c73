package dev.webwxbot.core.internal.media;

import dev.webwxbot.api.Contact;
import dev.webwxbot.api.FailureReason;
import dev.webwxbot.api.Result;
import dev.webwxbot.api.event.EmoticonMessage;
import dev.webwxbot.api.event.FileMessage;
import dev.webwxbot.api.event.ImageMessage;
import dev.webwxbot.api.event.MessageEvent;
import dev.webwxbot.api.event.VideoMessage;
import dev.webwxbot.api.event.VoiceMessage;
import dev.webwxbot.core.internal.http.FileResponse;
import dev.webwxbot.core.internal.http.HttpRequest;
import dev.webwxbot.core.internal.http.TransportException;
import dev.webwxbot.core.internal.send.OutgoingFailure;
import dev.webwxbot.core.internal.send.SessionLink;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.concurrent.CompletionException;
import java.util.function.Function;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Saves the media of messages and head images (PROTOCOL.md 7) into a directory under a sanitised name. The body is
 * streamed by the transport into a temporary file in the target directory as it arrives (never held in memory), up
 * to {@code maxBytes} (a larger one fails with {@code TOO_LARGE}); only a complete body is moved to the final name,
 * so a failure never leaves a partial file behind. Blocks the calling thread (a plugin's), never an event loop.
 * Thread-safe.
 */
public final class Downloader {
    private static final Logger log = LoggerFactory.getLogger(Downloader.class);

    private final Supplier<SessionLink> link;
    private final long maxBytes;

    /** @param maxBytes the largest body saved; a larger download is aborted and its partial file deleted */
    public Downloader(Supplier<SessionLink> link, long maxBytes) {
        if (maxBytes < 1) {
            throw new IllegalArgumentException("maxBytes must be at least 1: " + maxBytes);
        }
        this.link = link;
        this.maxBytes = maxBytes;
    }

    public Result<Path> download(MessageEvent event, Path directory) {
        return fetch("download", directory, event.msgId(), media -> switch (event) {
            case ImageMessage image -> new Fetch(media.calls().media().messageImage(media.credentials(), image.msgId(), false),
                    null, "image_" + image.msgId());
            case EmoticonMessage sticker -> new Fetch(media.calls().media().messageImage(media.credentials(),
                    sticker.msgId(), false), null, "emoticon_" + sticker.msgId());
            case VoiceMessage voice -> new Fetch(media.calls().media().voice(media.credentials(), voice.msgId()), null,
                    "voice_" + voice.msgId());
            case VideoMessage video -> new Fetch(media.calls().media().video(media.credentials(), video.msgId()), null,
                    "video_" + video.msgId());
            case FileMessage file -> {
                String sender = file.envelope().fromSelf() ? media.selfUserName() : file.chat().userName();
                String ticket = media.calls().dataTicket().orElse("");
                yield new Fetch(media.calls().media().attachment(media.credentials(), sender, file.mediaId(),
                        file.fileName(), ticket), file.fileName(), "file_" + file.msgId());
            }
            default -> throw new OutgoingFailure(FailureReason.INVALID_REQUEST, 0,
                    "download: a " + event.getClass().getSimpleName() + " carries no media");
        });
    }

    public Result<Path> downloadThumbnail(MessageEvent event, Path directory) {
        return fetch("downloadThumbnail", directory, event.msgId(), media -> {
            if (!(event instanceof ImageMessage) && !(event instanceof VideoMessage)) {
                throw new OutgoingFailure(FailureReason.INVALID_REQUEST, 0,
                        "downloadThumbnail: a " + event.getClass().getSimpleName() + " has no thumbnail");
            }
            // Video previews come from webwxgetmsgimg too (7).
            return new Fetch(media.calls().media().messageImage(media.credentials(), event.msgId(), true), null,
                    "thumbnail_" + event.msgId());
        });
    }

    public Result<Path> downloadHeadImage(Contact contact, Path directory) {
        return fetch("downloadHeadImage", directory, contact.userName(), media -> new Fetch(
                media.calls().media().headImage(media.credentials(), contact.userName(), null, contact.isGroup()),
                null, "head_" + contact.displayName()));
    }

    /** The request to send, the name the message gives the file (or null) and the name to use without one. */
    private record Fetch(HttpRequest request, String wantedName, String fallbackName) {
    }

    private Result<Path> fetch(String operation, Path directory, String id, Function<SessionLink, Fetch> prepare) {
        SessionLink media = link.get();
        if (media == null) {
            return new Result.Failed<>(FailureReason.LOGGED_OUT, 0, operation + ": the session is not online");
        }
        if (!Files.isDirectory(directory)) {
            return new Result.Failed<>(FailureReason.INVALID_REQUEST, 0, operation + ": not a directory: " + directory);
        }
        Path temporary = null;
        try {
            Fetch fetch = prepare.apply(media);
            temporary = Files.createTempFile(directory, ".download-", ".part");
            FileResponse response = media.calls().media().save(fetch.request(), temporary, maxBytes).join();
            if (!response.successful()) {
                return new Result.Failed<>(FailureReason.REJECTED, 0, operation + ": HTTP " + response.status());
            }
            if (response.savedBytes() == 0) {
                // The real server sometimes answers media with 0 bytes (11.5).
                return new Result.Failed<>(FailureReason.REJECTED, 0, operation + ": the server sent no bytes");
            }
            // The bytes before the header: the server calls every image image/jpeg, a PNG included.
            String contentType = MediaMagic.contentType(temporary).or(() -> response.header("Content-Type")).orElse(null);
            String name = FileNames.sanitise(fetch.wantedName(), FileNames.sanitise(fetch.fallbackName(), "media",
                    contentType), contentType);
            return new Result.Ok<>(claim(directory, name, temporary));
        } catch (OutgoingFailure refused) {
            return new Result.Failed<>(refused.reason(), refused.code(), refused.getMessage());
        } catch (CompletionException failure) {
            Throwable cause = failure.getCause();
            if (cause instanceof TransportException transport && transport.kind() == TransportException.Kind.TOO_LARGE) {
                log.warn("{} of {} aborted: {}", operation, id, transport.getMessage());
                return new Result.Failed<>(FailureReason.TOO_LARGE, 0, operation + ": " + transport.getMessage());
            }
            if (cause instanceof IOException disk && !(cause instanceof TransportException)) {
                return cannotWrite(operation, id, directory, disk);
            }
            OutgoingFailure classified = OutgoingFailure.of(failure, operation, FailureReason.REJECTED);
            log.warn("{} of {} failed ({}): {}", operation, id, classified.reason(), classified.getMessage());
            return new Result.Failed<>(classified.reason(), classified.code(), classified.getMessage());
        } catch (IOException e) {
            return cannotWrite(operation, id, directory, e);
        } finally {
            deleteQuietly(temporary);
        }
    }

    private static Result<Path> cannotWrite(String operation, String id, Path directory, IOException e) {
        log.warn("{} of {} could not be saved: {}", operation, id, e.toString());
        return new Result.Failed<>(FailureReason.INVALID_REQUEST, 0, operation + ": cannot write to "
                + directory + ": " + e.getClass().getSimpleName());
    }

    /** Moves the complete download to a free name; picking and claiming it must not race with another download. */
    private static Path claim(Path directory, String safeName, Path temporary) throws IOException {
        synchronized (Downloader.class) {
            Path target = FileNames.unusedPath(directory, safeName);
            return Files.move(temporary, target, StandardCopyOption.ATOMIC_MOVE);
        }
    }

    private static void deleteQuietly(Path file) {
        if (file == null) {
            return;
        }
        try {
            Files.deleteIfExists(file);
        } catch (IOException e) {
            log.debug("could not delete {}: {}", file.getFileName(), e.toString());
        }
    }
}
