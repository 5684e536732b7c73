package dev.webwxbot.core.internal.send;

import dev.webwxbot.api.FailureReason;
import dev.webwxbot.core.internal.protocol.Credentials;
import dev.webwxbot.core.internal.protocol.MediaCalls;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import java.util.TimeZone;
import java.util.concurrent.CompletableFuture;

/**
 * Uploads one file as the official page does (PROTOCOL.md 6): MD5 of the whole file, webwxcheckupload above
 * 25 MiB, then 524,288-byte chunks sent one after another, each read from disk only when it is about to go out.
 * Nothing blocks: file reads complete on the JDK's file I/O threads, calls on the transport's event loop.
 */
final class MediaUploader {
    /** The chunk size of every client and the browser (6.2). */
    static final int CHUNK_SIZE = 524_288;
    /** NEED_CHECK_SIZE of the official page: larger files go through webwxcheckupload first (6.1). */
    static final long CHECK_UPLOAD_ABOVE = 25L * 1024 * 1024;
    private static final DateTimeFormatter JS_DATE =
            DateTimeFormatter.ofPattern("EEE MMM dd yyyy HH:mm:ss 'GMT'xx", Locale.US);

    private final MediaCalls calls;

    MediaUploader(MediaCalls calls) {
        this.calls = calls;
    }

    /** Where the upload goes and under which session. */
    record Target(Credentials credentials, String selfUserName, String toUserName, String dataTicket) {
    }

    /** An uploaded file: its id, size, MD5 and, for a checked upload, the signature the send must carry. */
    record Uploaded(String mediaId, long size, String md5, String signature) {
    }

    /** Uploads {@code file} as {@code mediaType}; the file stays open until the returned future completes. */
    CompletableFuture<Uploaded> upload(LocalFile file, String mediaType, String mime, Target target) {
        long clientMediaId = System.currentTimeMillis();
        return file.md5(CHUNK_SIZE).thenCompose(md5 -> {
            CompletableFuture<MediaCalls.CheckUpload> checked = file.size() > CHECK_UPLOAD_ABOVE
                    ? calls.checkUpload(target.credentials(), target.selfUserName(), target.toUserName(), md5,
                            file.fileName(), file.size())
                    : CompletableFuture.completedFuture(null);
            return checked.thenCompose(check -> {
                if (check != null && !check.mediaId().isEmpty()) {
                    // The server already has this file (6.1): no upload needed.
                    return CompletableFuture.completedFuture(new Uploaded(check.mediaId(), file.size(), md5, ""));
                }
                int chunks = (int) ((file.size() + CHUNK_SIZE - 1) / CHUNK_SIZE);
                String request = calls.uploadMediaRequest(target.credentials(), clientMediaId, file.size(),
                        target.selfUserName(), target.toUserName(), md5, check);
                return sendChunk(file, mediaType, mime, target, request, jsDate(file), chunks, 0)
                        .thenApply(mediaId -> new Uploaded(mediaId, file.size(), md5,
                                check == null ? "" : check.signature()));
            });
        });
    }

    private CompletableFuture<String> sendChunk(LocalFile file, String mediaType, String mime, Target target,
                                                String request, String lastModified, int chunks, int chunk) {
        return file.read((long) chunk * CHUNK_SIZE, CHUNK_SIZE).thenCompose(bytes -> calls.uploadChunk(
                target.credentials(), new MediaCalls.UploadChunk(request, file.fileName(), mime, lastModified,
                        file.size(), chunks, chunk, mediaType, target.dataTicket(), bytes, bytes.length)))
                .thenCompose(answer -> {
                    if (chunk < chunks - 1) {
                        return sendChunk(file, mediaType, mime, target, request, lastModified, chunks, chunk + 1);
                    }
                    if (answer.mediaId().isEmpty()) {
                        throw new OutgoingFailure(FailureReason.REJECTED, 0,
                                "webwxuploadmedia: the last chunk was answered without a MediaId");
                    }
                    return CompletableFuture.completedFuture(answer.mediaId());
                });
    }

    /** The file's modification time as JavaScript's {@code Date.toString()} writes it (6.2). */
    private static String jsDate(LocalFile file) {
        ZoneId zone = ZoneId.systemDefault();
        ZonedDateTime time = file.lastModified().atZone(zone);
        String zoneName = TimeZone.getTimeZone(zone).getDisplayName(
                TimeZone.getTimeZone(zone).inDaylightTime(java.util.Date.from(file.lastModified())), TimeZone.LONG,
                Locale.SIMPLIFIED_CHINESE);
        return JS_DATE.format(time) + " (" + zoneName + ")";
    }
}
