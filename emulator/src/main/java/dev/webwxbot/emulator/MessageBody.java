package dev.webwxbot.emulator;

import dev.webwxbot.emulator.internal.Payload;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.Objects;

/**
 * What a phone-side message says, one factory per message kind of PROTOCOL.md 9; send it with
 * {@link Contact#send}, {@link Contact#sendIn} or {@link Phone#send}. The emulator builds the wire {@code Content}
 * (escaped XML shaped like the captured samples) and keeps media bytes so the download endpoints serve them.
 * Immutable and thread-safe.
 */
public final class MessageBody {
    private final Payload payload;

    private MessageBody(Payload payload) {
        this.payload = payload;
    }

    /** The internal form (for the emulator's own code). */
    public Payload payload() {
        return payload;
    }

    /** Type 1; HTML-escaped, {@code <br/>} line breaks and emoji spans on the wire (9.2). */
    public static MessageBody text(String text) {
        return new MessageBody(new Payload.Text(text));
    }

    /** Type 1 starting with {@code @name} + U+2005 for each display name, as the phone writes mentions (9.6). */
    public static MessageBody mention(String text, String... displayNames) {
        return new MessageBody(new Payload.Mention(List.of(displayNames), text));
    }

    /** Type 3; dimensions are read from the bytes when they decode, else 0 (use the other overload). */
    public static MessageBody image(byte[] jpeg) {
        int[] size = dev.webwxbot.emulator.internal.MediaFacts.dimensions(jpeg);
        return image(jpeg, size[0], size[1]);
    }

    public static MessageBody image(byte[] jpeg, int width, int height) {
        return new MessageBody(new Payload.Image(Objects.requireNonNull(jpeg, "jpeg"), width, height));
    }

    /** Type 34 with {@code VoiceLength} in milliseconds; downloads answer {@code audio/mp3}. */
    public static MessageBody voice(byte[] mp3, int millis) {
        return new MessageBody(new Payload.Voice(Objects.requireNonNull(mp3, "mp3"), millis));
    }

    /** Type 43 with {@code PlayLength} in seconds and a generated 132×132 thumbnail. */
    public static MessageBody video(byte[] mp4, int seconds) {
        byte[] thumbnail = dev.webwxbot.emulator.internal.MediaFacts.placeholderJpeg(mp4);
        return video(mp4, seconds, thumbnail, 132, 132);
    }

    public static MessageBody video(byte[] mp4, int seconds, byte[] thumbnailJpeg, int width, int height) {
        return new MessageBody(new Payload.Video(Objects.requireNonNull(mp4, "mp4"), seconds,
                Objects.requireNonNull(thumbnailJpeg, "thumbnailJpeg"), width, height));
    }

    /** Type 49 / AppMsgType 6 with FileName, FileSize (string), MediaId and EncryFileName. */
    public static MessageBody file(String fileName, byte[] bytes) {
        return new MessageBody(new Payload.File(fileName, Objects.requireNonNull(bytes, "bytes")));
    }

    /** Type 42 naming {@code subject} (a contact of the same account) in the XML and in RecommendInfo. */
    public static MessageBody card(Contact subject) {
        return new MessageBody(new Payload.Card(subject.state()));
    }

    /** Type 47; the {@code md5} attribute is the MD5 of the bytes, replayable as {@code EMoticonMd5}. */
    public static MessageBody emoticon(byte[] gif, int width, int height) {
        Objects.requireNonNull(gif, "gif");
        return new MessageBody(new Payload.Emoticon(gif, md5(gif), width, height));
    }

    /** Type 1 + SubMsgType 48 with Url and OriContent (9.5.8); {@code latitude} is the XML's {@code x}. */
    public static MessageBody location(String label, double latitude, double longitude) {
        return new MessageBody(new Payload.Location(Objects.requireNonNull(label, "label"), latitude, longitude));
    }

    /** Type 49 / AppMsgType 5. */
    public static MessageBody link(String title, String description, String url) {
        return new MessageBody(new Payload.Link(title, description, url));
    }

    /** Type 49 / AppMsgType 3 with {@code <dataurl>} the stream URL. */
    public static MessageBody music(String title, String description, String url, String streamUrl) {
        return new MessageBody(new Payload.Music(title, description, url, streamUrl));
    }

    /** Type 49 / AppMsgType 33 with {@code <weappinfo>}; {@code userName} is the program's {@code gh_…@app} id. */
    public static MessageBody miniProgram(String title, String appId, String userName, String pagePath) {
        return new MessageBody(new Payload.MiniProgram(title, appId, userName, pagePath));
    }

    /** Type 49 / AppMsgType 57: {@code text} replying to {@code quotedMsgId}, written by {@code quotedName}. */
    public static MessageBody quote(String text, String quotedMsgId, String quotedName, String quotedText) {
        return new MessageBody(new Payload.Quote(text, quotedMsgId, quotedName, quotedText));
    }

    /** Type 49 / AppMsgType 2000, FileName "微信转账"; {@code amount} as shown, e.g. "￥0.01". */
    public static MessageBody transfer(String amount, String memo) {
        return new MessageBody(new Payload.Transfer(amount, memo));
    }

    /** Type 10000 (Status 4), plain text; in groups it comes from the group without a sender prefix. */
    public static MessageBody systemNotice(String text) {
        return new MessageBody(new Payload.SystemNotice(Objects.requireNonNull(text, "text")));
    }

    /** The 10000 red-packet line "收到红包，请在手机上查看" (9.5.11), with Status 3 as captured. */
    public static MessageBody redPacketNotice() {
        return new MessageBody(Payload.SystemNotice.redPacketNotice());
    }

    @Override
    public String toString() {
        return payload.summary();
    }

    private static String md5(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("MD5").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("MD5 is a required JDK algorithm", e);
        }
    }
}
