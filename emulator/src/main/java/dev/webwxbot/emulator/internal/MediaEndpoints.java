package dev.webwxbot.emulator.internal;


import java.util.Arrays;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The download endpoints of PROTOCOL.md 7: {@code webwxgetmsgimg}, {@code webwxgetvoice}, {@code webwxgetvideo}
 * (API host) and {@code webwxgetmedia} (file host). Sessions are found by cookies or the {@code skey} parameter;
 * an unknown session or id answers 404 (the real server's failure shape is not captured).
 */
final class MediaEndpoints {
    private static final Pattern RANGE = Pattern.compile("bytes=(\\d*)-(\\d*)");
    private static final String LAST_MODIFIED = "Thu, 01 Jan 1970 00:00:00 GMT";

    private final World world;
    private final SessionAuthenticator authenticator;

    MediaEndpoints(World world, SessionAuthenticator authenticator) {
        this.world = world;
        this.authenticator = authenticator;
    }

    /** Pictures and stickers by {@code MsgID} (any case); {@code type=slave} is the thumbnail. */
    void msgImg(Exchange ex) {
        MediaStore.Item item = byMsgId(ex);
        if (item == null) {
            return;
        }
        byte[] bytes = "slave".equalsIgnoreCase(ex.query().getIgnoreCase("type")) && item.thumbnail().length > 0
                ? item.thumbnail() : item.bytes();
        // The capture answers image/jpeg even for GIF stickers.
        ex.reply(Reply.binary("image/jpeg", bytes).withHeader("Last-Modified", LAST_MODIFIED)
                .withHeader("Cache-control", "max-age=604800"));
    }

    void voice(Exchange ex) {
        MediaStore.Item item = byMsgId(ex);
        if (item != null) {
            ex.reply(ranged(ex, "audio/mp3", item.bytes(), false));
        }
    }

    /** {@code 206} with {@code Content-Range} when a Range header is present; without one see the setting. */
    void video(Exchange ex) {
        MediaStore.Item item = byMsgId(ex);
        if (item != null) {
            ex.reply(ranged(ex, "video/mp4", item.bytes(), world.settings.videoWithoutRangeIsEmpty()));
        }
    }

    /** Attachments by {@code mediaid} on the file host, named in {@code Content-Disposition}. */
    void media(Exchange ex) {
        WebSession session = session(ex);
        if (session == null) {
            return;
        }
        MediaStore.Item item;
        MediaStore.Upload upload;
        String mediaId = ex.query().getIgnoreCase("mediaid");
        synchronized (world) {
            item = session.account.media.byMediaId(mediaId);
            upload = session.account.media.upload(mediaId);
        }
        if (item == null && upload != null) {
            // A file this account uploaded: served from disk, under its uploaded name.
            item = new MediaStore.Item(upload.readAll(), "application/octet-stream", new byte[0], upload.fileName());
        }
        if (item == null) {
            ex.reply(Reply.notFound());
            return;
        }
        String name = item.fileName().isEmpty() ? "file" : item.fileName();
        ex.reply(ranged(ex, "application/octet-stream", item.bytes(), false)
                .withHeader("Content-Disposition", "attachment; filename*=UTF-8''" + MessageRenderer.encryFileName(name)));
    }

    private MediaStore.Item byMsgId(Exchange ex) {
        WebSession session = session(ex);
        if (session == null) {
            return null;
        }
        MediaStore.Item item;
        synchronized (world) {
            item = session.account.media.byMsgId(ex.query().getIgnoreCase("msgid"));
        }
        if (item == null) {
            ex.reply(Reply.notFound());
        }
        return item;
    }

    private WebSession session(Exchange ex) {
        SessionAuthenticator.Result auth = authenticator.authenticateDownload(ex);
        if (!auth.ok()) {
            ex.reply(Reply.notFound());
            return null;
        }
        return auth.session();
    }

    /** Applies a {@code Range: bytes=a-b} header: 206 with Content-Range, 416 when unsatisfiable. */
    static Reply ranged(Exchange ex, String contentType, byte[] bytes, boolean emptyWithoutRange) {
        String range = ex.header("Range");
        if (range == null) {
            return Reply.binary(contentType, emptyWithoutRange ? new byte[0] : bytes).withHeader("Accept-Ranges", "bytes");
        }
        Matcher m = RANGE.matcher(range.trim());
        int total = bytes.length;
        long first;
        long last;
        if (!m.matches() || (m.group(1).isEmpty() && m.group(2).isEmpty())) {
            return unsatisfiable(contentType, total);
        }
        try {
            if (m.group(1).isEmpty()) {
                long suffix = Long.parseLong(m.group(2));
                first = Math.max(0, total - suffix);
                last = total - 1;
            } else {
                first = Long.parseLong(m.group(1));
                last = m.group(2).isEmpty() ? total - 1 : Math.min(Long.parseLong(m.group(2)), total - 1);
            }
        } catch (NumberFormatException e) {
            return unsatisfiable(contentType, total);
        }
        if (first >= total || first > last) {
            return unsatisfiable(contentType, total);
        }
        byte[] slice = Arrays.copyOfRange(bytes, (int) first, (int) last + 1);
        return Reply.binary(contentType, slice).withStatus(206).withHeader("Accept-Ranges", "bytes")
                .withHeader("Content-Range", "bytes " + first + "-" + last + "/" + total);
    }

    private static Reply unsatisfiable(String contentType, int total) {
        return Reply.binary(contentType, new byte[0]).withStatus(416).withHeader("Content-Range", "bytes */" + total);
    }
}
