package dev.webwxbot.emulator.internal;

import dev.webwxbot.emulator.ContactKind;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

/**
 * What the content of a forward names (PROTOCOL.md 5.2–5.4): the received image or video whose CDN keys an
 * image or video send with an empty {@code MediaId} carries, the location of a {@code Type 48} text send, the
 * contact of a {@code Type 42} card. Each answers {@code null} for content that names nothing the server holds, which
 * the endpoints answer with {@code Ret -1} (5.8: "bad MediaId, malformed body"). Caller holds the World monitor.
 * Stateless.
 */
final class ForwardedContent {
    private ForwardedContent() {
    }

    /**
     * The media behind a forwarded image ({@code <img cdnmidimgurl aeskey>}) or video
     * ({@code <videomsg cdnvideourl aeskey>}) content, as the emulator rendered it for a message this account
     * received or sent; {@code null} when the content is not that XML or names no such message.
     */
    static MediaStore.Item media(MediaStore store, String content, boolean video) {
        Element root = xml(content);
        Element media = root == null ? null : first(root, video ? "videomsg" : "img");
        if (media == null) {
            return null;
        }
        return store.byCdn(video, media.getAttribute(video ? "cdnvideourl" : "cdnmidimgurl"),
                media.getAttribute("aeskey"));
    }

    /** A video content's {@code playlength} in seconds, 0 when it does not say. */
    static int playLength(String content) {
        Element root = xml(content);
        Element video = root == null ? null : first(root, "videomsg");
        try {
            return video == null ? 0 : Math.max(0, Integer.parseInt(video.getAttribute("playlength").trim()));
        } catch (NumberFormatException e) {
            return 0;
        }
    }

    /** A {@code Type 48} content, {@code <msg><location x y label …/></msg>} (5.2), or {@code null}. */
    static Payload.Location location(String content) {
        Element root = SafeXml.root(content, "msg");
        Element location = root == null ? null : first(root, "location");
        if (location == null) {
            return null;
        }
        try {
            double x = Double.parseDouble(location.getAttribute("x").trim());
            double y = Double.parseDouble(location.getAttribute("y").trim());
            if (Math.abs(x) > 90 || Math.abs(y) > 180) {
                return null;
            }
            return new Payload.Location(location.getAttribute("label"), x, y);
        } catch (NumberFormatException e) {
            return null;
        }
    }

    /**
     * A {@code Type 42} content, {@code <msg username="<wxid>" nickname="…"/>} (5.2), as a card of the friend it
     * names; {@code null} when it names no friend of the account ("the card subject must be your friend").
     */
    static Payload.Card card(AccountState account, String content) {
        Element root = SafeXml.root(content, "msg");
        String wxid = root == null ? "" : root.getAttribute("username");
        for (ContactState contact : account.contacts) {
            if (contact.kind() == ContactKind.FRIEND && !wxid.isEmpty() && contact.permanentId().equals(wxid)) {
                return new Payload.Card(contact);
            }
        }
        return null;
    }

    /**
     * The {@code <msg>} root of a forwarded image or video content. wechat4u un-escapes only {@code &lt;} and
     * {@code &gt;} of the received content (client-notes), which leaves the {@code <br/>} the server put between
     * elements (9.2): read as the line breaks they stand for, as a client reading the content would.
     */
    private static Element xml(String content) {
        return SafeXml.root(content.replace("<br/>", "\n"), "msg");
    }

    private static Element first(Element root, String name) {
        NodeList nodes = root.getElementsByTagName(name);
        return nodes.getLength() == 0 ? null : (Element) nodes.item(0);
    }
}
