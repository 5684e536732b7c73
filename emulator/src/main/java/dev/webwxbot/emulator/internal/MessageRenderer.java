package dev.webwxbot.emulator.internal;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import java.util.Locale;

/**
 * Renders a {@link Payload} as one session's {@code AddMsgList} entry (PROTOCOL.md 9.1, 9.5): XML bodies shaped
 * like the corpus samples, entity-escaped per 9.2, every field present. Caller holds the World monitor.
 */
final class MessageRenderer {
    /** The appid PC clients put on files (corpus {@code wwdk-receive-type49-app6}). */
    static final String PC_FILE_APP_ID = "wx6618f1cfc6c132f8";
    private static final int STATUS_NORMAL = 3;
    private static final int STATUS_SYSTEM = 4;
    private static final int IMG_NONE = 1;
    private static final int IMG_PRESENT = 2;

    /**
     * Who and where: {@code senderPrefix} is the member UserName that precedes group messages from others (null
     * otherwise); {@code senderId} the writer's permanent id used inside XML attributes.
     */
    record Envelope(long msgId, String from, String to, String senderPrefix, String senderId, String chatId,
                    long createTime, String mediaId) {
    }

    private MessageRenderer() {
    }

    /**
     * The CDN address an image's content names ({@code cdnmidimgurl}) or a video's ({@code cdnvideourl}); with
     * {@link #mediaAesKey} it is what a forward of the message sends back (PROTOCOL.md 5.3, 5.4).
     */
    static String mediaCdnUrl(long msgId) {
        return hex(msgId + 2, 60);
    }

    /** The {@code aeskey} of an image's or video's content. */
    static String mediaAesKey(long msgId) {
        return hex(msgId, 16);
    }

    static Wire.Message render(WebSession session, Payload payload, Envelope env, boolean emojiSpans) {
        Draft d = new Draft();
        switch (payload) {
            case Payload.Text text -> d.content = WebText.escape(text.text(), emojiSpans);
            case Payload.Mention mention -> d.content = WebText.escape(mention.asText(), emojiSpans);
            case Payload.Image image -> {
                d.type = 3;
                d.imgStatus = IMG_PRESENT;
                // ImgWidth/ImgHeight are the thumbnail's size, as cdnthumbwidth/cdnthumbheight in the XML
                // (addmsg/itchat4j-readme-type3: 90×120 for a 139 120-byte picture): what type=slave serves.
                int[] thumb = Images.thumbnailSize(image.width(), image.height());
                d.width = thumb[0];
                d.height = thumb[1];
                d.content = xml("<?xml version=\"1.0\"?>\n<msg>\n\t<img aeskey=\"" + mediaAesKey(env.msgId())
                        + "\" encryver=\"1\" cdnthumbaeskey=\"" + hex(env.msgId() + 1, 16) + "\" cdnthumburl=\""
                        + hex(env.msgId() + 2, 60) + "\" cdnthumblength=\"" + Math.min(image.bytes().length, 12204)
                        + "\" cdnthumbheight=\"" + thumb[1] + "\" cdnthumbwidth=\"" + thumb[0]
                        + "\" cdnmidheight=\"0\" cdnmidwidth=\"0\" cdnhdheight=\"0\" cdnhdwidth=\"0\" cdnmidimgurl=\""
                        + mediaCdnUrl(env.msgId()) + "\" length=\"" + image.bytes().length + "\" md5=\""
                        + MediaStore.md5(image.bytes()) + "\" />\n</msg>\n");
            }
            case Payload.Voice voice -> {
                d.type = 34;
                d.voiceLength = voice.millis();
                d.content = xml("<msg><voicemsg endflag=\"1\" cancelflag=\"0\" forwardflag=\"0\" voiceformat=\"4\""
                        + " voicelength=\"" + voice.millis() + "\" length=\"" + voice.bytes().length + "\" bufid=\""
                        + Long.toUnsignedString(env.msgId() / 7) + "\" clientmsgid=\"" + hex(env.msgId(), 29)
                        + "\" fromusername=\"" + attr(env.senderId()) + "\" /></msg>");
            }
            case Payload.Video video -> {
                d.type = 43;
                d.playLength = video.seconds();
                d.width = video.width();
                d.height = video.height();
                d.content = xml("<?xml version=\"1.0\"?>\n<msg>\n\t<videomsg aeskey=\"" + mediaAesKey(env.msgId())
                        + "\" cdnthumbaeskey=\"" + hex(env.msgId() + 1, 16) + "\" cdnvideourl=\"" + mediaCdnUrl(env.msgId())
                        + "\" cdnthumburl=\"" + hex(env.msgId() + 3, 60) + "\" length=\"" + video.bytes().length
                        + "\" playlength=\"" + video.seconds() + "\" cdnthumblength=\"" + video.thumbnail().length
                        + "\" cdnthumbwidth=\"" + video.width() + "\" cdnthumbheight=\"" + video.height()
                        + "\" fromusername=\"" + attr(env.senderId()) + "\" md5=\"" + MediaStore.md5(video.bytes())
                        + "\" newmd5=\"" + MediaStore.md5(video.thumbnail()) + "\" isad=\"0\" />\n</msg>\n");
            }
            case Payload.File file -> {
                d.type = 49;
                d.appMsgType = 6;
                d.appId = PC_FILE_APP_ID;
                d.fileName = file.name();
                d.fileSize = Integer.toString(file.bytes().length);
                d.mediaId = env.mediaId();
                d.encryFileName = encryFileName(file.name());
                d.content = xml(appMsg(PC_FILE_APP_ID, file.name(), "", "view", 6, "", "",
                        "<appattach><totallen>" + file.bytes().length + "</totallen><attachid>@cdn_" + hex(env.msgId(), 24)
                                + "_1</attachid><emoticonmd5></emoticonmd5><fileext>" + esc(extension(file.name()))
                                + "</fileext><cdnattachurl>" + hex(env.msgId() + 1, 60) + "</cdnattachurl><aeskey>"
                                + hex(env.msgId() + 2, 16) + "</aeskey><encryver>1</encryver></appattach><md5>"
                                + MediaStore.md5(file.bytes()) + "</md5>", "<appinfo><version>7</version><appname>微信电脑版</appname></appinfo>"));
            }
            case Payload.Card card -> {
                ContactState subject = card.subject();
                boolean mp = subject.kind() == dev.webwxbot.emulator.ContactKind.OFFICIAL_ACCOUNT;
                d.type = 42;
                d.content = xml("<?xml version=\"1.0\"?>\n<msg bigheadimgurl=\"http://wx.qlogo.cn/mmhead/ver_1/"
                        + hex(subject.headImgSeq(), 32) + "/0\" smallheadimgurl=\"http://wx.qlogo.cn/mmhead/ver_1/"
                        + hex(subject.headImgSeq(), 32) + "/132\" username=\"" + attr(subject.permanentId())
                        + "\" nickname=\"" + attr(subject.nickName()) + "\"  shortpy=\"\" alias=\"\" imagestatus=\"3\""
                        + " scene=\"17\" province=\"\" city=\"\" sign=\"\" sex=\"0\" certflag=\"" + (mp ? 24 : 0)
                        + "\" certinfo=\"\" brandIconUrl=\"\" brandHomeUrl=\"\" brandSubscriptConfigUrl=\"\""
                        + " brandFlags=\"0\" regionCode=\"\" antispamticket=\"v2_" + hex(subject.headImgSeq(), 40)
                        + "@stranger\" />\n");
                d.recommendInfo = new Wire.RecommendInfo(session.userNameOf(subject), subject.nickName(), 0, "", "", "",
                        "", "", 17, mp ? 24 : 0, subject.attrStatus(), 0, "", 0);
            }
            case Payload.Emoticon emoticon -> {
                d.type = 47;
                d.imgStatus = IMG_PRESENT;
                d.width = emoticon.width();
                d.height = emoticon.height();
                String cdn = "http://emoji.qpic.cn/wx_emoji/" + hex(env.msgId(), 40) + "/";
                d.content = xml("<msg><emoji fromusername=\"" + attr(env.senderId()) + "\" tousername=\""
                        + attr(env.chatId()) + "\" type=\"2\" idbuffer=\"media:0_0\" md5=\"" + emoticon.md5()
                        + "\" len=\"" + emoticon.bytes().length + "\" productid=\"\" androidmd5=\"" + emoticon.md5()
                        + "\" androidlen=\"" + emoticon.bytes().length + "\" s60v3md5=\"" + emoticon.md5()
                        + "\" s60v3len=\"" + emoticon.bytes().length + "\" s60v5md5=\"" + emoticon.md5()
                        + "\" s60v5len=\"" + emoticon.bytes().length + "\" cdnurl=\"" + cdn + "\" designerid=\"\""
                        + " thumburl=\"\" encrypturl=\"" + cdn + "\" aeskey=\"" + hex(env.msgId() + 1, 16)
                        + "\" externurl=\"" + cdn + "\" externmd5=\"" + emoticon.md5() + "\" width=\""
                        + emoticon.width() + "\" height=\"" + emoticon.height() + "\" tpurl=\"\" tpauthkey=\"\""
                        + " attachedtext=\"\" attachedtextcolor=\"\" lensid=\"\"></emoji></msg>");
            }
            case Payload.Location location -> {
                String x = coordinate(location.x());
                String y = coordinate(location.y());
                d.subMsgType = 48;
                d.url = "http://apis.map.qq.com/uri/v1/geocoder?coord=" + x + "," + y;
                // As captured: the label is escaped, the picture URL after it is not.
                d.content = WebText.escape(location.label(), emojiSpans)
                        + ":<br/>/cgi-bin/mmwebwx-bin/webwxgetpubliclinkimg?url=xxx&msgid=" + env.msgId() + "&pictype=location";
                d.oriContent = "<?xml version=\"1.0\"?>\n<msg>\n\t<location x=\"" + x + "\" y=\"" + y
                        + "\" scale=\"16\" label=\"" + attr(location.label()) + "\" maptype=\"0\" poiname=\"[位置]\" poiid=\"\" />\n</msg>\n";
            }
            case Payload.Link link -> {
                d.type = 49;
                d.appMsgType = 5;
                d.imgStatus = IMG_PRESENT;
                d.fileName = link.title();
                d.fileSize = "0";
                d.url = link.url();
                d.content = xml(linkAppMsg(link, env.msgId()));
            }
            case Payload.Music music -> {
                d.type = 49;
                d.appMsgType = 3;
                d.fileName = music.title();
                d.fileSize = "0";
                d.url = music.url();
                d.content = xml(appMsg("", music.title(), music.description(), "view", 3, music.url(),
                        "<dataurl>" + esc(music.dataUrl()) + "</dataurl><lowdataurl>" + esc(music.dataUrl()) + "</lowdataurl>",
                        "<appattach><totallen>0</totallen><attachid></attachid><fileext></fileext></appattach>",
                        "<appinfo><version>1</version><appname></appname></appinfo>"));
            }
            case Payload.MiniProgram program -> {
                d.type = 49;
                d.appMsgType = 33;
                d.fileName = program.title();
                d.fileSize = "0";
                d.appId = program.appId();
                d.content = xml(appMsg(program.appId(), program.title(), "", "view", 33, "", "",
                        "<weappinfo><pagepath><![CDATA[" + program.pagePath() + "]]></pagepath><username>"
                                + esc(program.userName()) + "</username><appid>" + esc(program.appId())
                                + "</appid><appservicetype>0</appservicetype></weappinfo>",
                        "<appinfo><version>1</version><appname></appname></appinfo>"));
            }
            case Payload.Quote quote -> {
                d.type = 49;
                d.appMsgType = 57;
                d.fileName = quote.text();
                d.fileSize = "0";
                d.content = xml(appMsg("", quote.text(), "", "view", 57, "", "",
                        "<refermsg><type>1</type><svrid>" + esc(quote.quotedMsgId()) + "</svrid><fromusr>"
                                + esc(env.chatId()) + "</fromusr><chatusr>" + esc(env.chatId()) + "</chatusr><displayname>"
                                + esc(quote.quotedDisplayName()) + "</displayname><content>" + esc(quote.quotedText())
                                + "</content></refermsg>", "<appinfo><version>1</version><appname></appname></appinfo>"));
            }
            case Payload.Transfer transfer -> {
                d.type = 49;
                d.appMsgType = 2000;
                d.fileName = "微信转账";
                d.fileSize = "0";
                d.content = xml(appMsg("", "微信转账", "<![CDATA[收到转账" + transfer.amount() + "]]>", "", 2000, "", "",
                        "<wcpayinfo><paysubtype>1</paysubtype><feedesc><![CDATA[" + transfer.amount()
                                + "]]></feedesc><transcationid><![CDATA[" + hex(env.msgId(), 28)
                                + "]]></transcationid><transferid><![CDATA[" + hex(env.msgId() + 1, 28)
                                + "]]></transferid><invalidtime><![CDATA[" + (env.createTime() + 86_400)
                                + "]]></invalidtime><pay_memo><![CDATA[" + transfer.memo() + "]]></pay_memo></wcpayinfo>",
                        "<appinfo><version>1</version><appname></appname></appinfo>"));
            }
            case Payload.SystemNotice notice -> {
                d.type = 10000;
                // The red-packet line says Status 3 (addmsg/unresolved-8576586035-type10000-hongbao), other
                // system lines 4 (addmsg/unresolved-625268707-type10000-friend-added, *-group-invite-en).
                d.status = notice.redPacket() ? STATUS_NORMAL : STATUS_SYSTEM;
                d.content = WebText.escape(notice.text(), emojiSpans);
            }
        }
        // 10000 lines in groups carry no sender prefix (9.2 step 1); everything else from another member does.
        String content = env.senderPrefix() != null && d.type != 10000 ? env.senderPrefix() + ":<br/>" + d.content : d.content;
        return new Wire.Message(Long.toString(env.msgId()), env.from(), env.to(), d.type, content, d.status, d.imgStatus,
                env.createTime(), d.voiceLength, d.playLength, d.fileName, d.fileSize, d.mediaId, d.url, d.appMsgType,
                0, "", d.recommendInfo, 0, new Wire.AppInfo(d.appId, 0), 0, "", d.height, d.width, d.subMsgType,
                env.msgId(), d.oriContent, d.encryFileName);
    }

    /** The 10002 revoke notice of 9.5.13: {@code session} is the chat's permanent id. */
    static Wire.Message revoke(Envelope env, String revokedMsgId, String replaceText) {
        String xml = "<sysmsg type=\"revokemsg\"><revokemsg><session>" + esc(env.chatId()) + "</session><oldmsgid>"
                + oldMsgId(revokedMsgId) + "</oldmsgid><msgid>" + revokedMsgId
                + "</msgid><replacemsg><![CDATA[" + replaceText + "]]></replacemsg></revokemsg></sysmsg>";
        String content = WebText.escape(xml);
        if (env.senderPrefix() != null) {
            content = env.senderPrefix() + ":<br/>" + content;
        }
        return new Wire.Message(Long.toString(env.msgId()), env.from(), env.to(), 10002, content, STATUS_SYSTEM, IMG_NONE,
                env.createTime(), 0, 0, "", "", "", "", 0, 0, "", Wire.RecommendInfo.EMPTY, 0, Wire.AppInfo.EMPTY, 0,
                "", 0, 0, 0, env.msgId(), "", "");
    }

    /** The 37 friend request of 9.5.4, from {@code fmessage}; {@code ticket} is what webwxverifyuser expects. */
    static Wire.Message friendRequest(WebSession session, ContactState requester, String greeting, String ticket,
                                      Envelope env) {
        String nick = requester.nickName();
        String xml = "<msg fromusername=\"" + attr(requester.permanentId()) + "\" encryptusername=\"v1_"
                + hex(requester.headImgSeq(), 32) + "@stranger\" fromnickname=\"" + attr(nick) + "\" content=\""
                + attr(greeting) + "\"  shortpy=\"\" imagestatus=\"3\" scene=\"30\" country=\"\" province=\"\" city=\"\""
                + " sign=\"\" percard=\"1\" sex=\"0\" alias=\"\" weibo=\"\" albumflag=\"0\" albumstyle=\"0\" albumbgimgid=\"\""
                + " snsflag=\"1\" snsbgimgid=\"\" snsbgobjectid=\"0\" mhash=\"" + hex(env.msgId(), 16) + "\" mfullhash=\""
                + hex(env.msgId(), 16) + "\" bigheadimgurl=\"http://wx.qlogo.cn/mmhead/ver_1/" + hex(requester.headImgSeq(), 32)
                + "/0\" smallheadimgurl=\"http://wx.qlogo.cn/mmhead/ver_1/" + hex(requester.headImgSeq(), 32)
                + "/96\" ticket=\"" + attr(ticket) + "\" opcode=\"2\" googlecontact=\"\" qrticket=\"\" chatroomusername=\"\""
                + " sourceusername=\"\" sourcenickname=\"\"><brandlist count=\"0\" ver=\"680000000\"></brandlist></msg>";
        Wire.RecommendInfo info = new Wire.RecommendInfo(session.userNameOf(requester), nick, 0, "", "", greeting, "",
                "", 30, 0, requester.attrStatus(), 0, ticket, 2);
        return new Wire.Message(Long.toString(env.msgId()), "fmessage", env.to(), 37, WebText.escape(xml), STATUS_NORMAL,
                IMG_NONE, env.createTime(), 0, 0, "", "", "", "", 0, 0, "", info, 0, Wire.AppInfo.EMPTY, 0, "", 0, 0, 0,
                env.msgId(), "", "");
    }

    /**
     * The revoked message's 32-bit id of the older id scheme: an id of its own, related neither to the notice's
     * MsgId nor by arithmetic to the revoked MsgId (addmsg/unresolved-38174924037-type10002: {@code <oldmsgid>
     * 1096526481} next to {@code <msgid>4241293912041778012} and MsgId 5098181968702529210). Derived from the revoked
     * id so every session and every revoke of that message names the same one; ten digits as in both captures.
     */
    static long oldMsgId(String revokedMsgId) {
        long state = revokedMsgId.hashCode() * 0x9E3779B97F4A7C15L + revokedMsgId.length();
        state = (state ^ (state >>> 31)) * 0xBF58476D1CE4E5B9L;
        state ^= state >>> 29;
        return 1_000_000_000L + Math.floorMod(state, 4_294_967_295L - 1_000_000_000L);
    }

    /**
     * The link share's appmsg in the element order of addmsg/hellokaton-wechat-api-enums-MsgType-type49-app5:
     * {@code mediatagname} and {@code messageaction} after {@code showtype}, {@code lowurl} right after
     * {@code url}, the thumbnail's CDN fields inside {@code appattach}, {@code thumburl} last; no
     * {@code recorditem}. The thumbnail fields are filler (there is no thumbnail behind them).
     */
    private static String linkAppMsg(Payload.Link link, long msgId) {
        return "<msg><appmsg appid=\"\" sdkver=\"0\"><title>" + esc(link.title()) + "</title><des>"
                + esc(link.description()) + "</des><action>view</action><type>5</type><showtype>0</showtype>"
                + "<mediatagname></mediatagname><messageaction></messageaction><content></content><url>"
                + esc(link.url()) + "</url><lowurl></lowurl><dataurl></dataurl><lowdataurl></lowdataurl><appattach>"
                + "<totallen>0</totallen><attachid></attachid><emoticonmd5></emoticonmd5><fileext></fileext>"
                + "<cdnthumburl>" + hex(msgId + 3, 60) + "</cdnthumburl><cdnthumbmd5></cdnthumbmd5>"
                + "<cdnthumblength>0</cdnthumblength><cdnthumbwidth>0</cdnthumbwidth><cdnthumbheight>0</cdnthumbheight>"
                + "<cdnthumbaeskey>" + hex(msgId + 4, 32) + "</cdnthumbaeskey><aeskey>" + hex(msgId + 4, 32)
                + "</aeskey><encryver>0</encryver></appattach><extinfo></extinfo><sourceusername></sourceusername>"
                + "<sourcedisplayname></sourcedisplayname><commenturl></commenturl><thumburl></thumburl></appmsg>"
                + "<fromusername></fromusername><scene>0</scene><appinfo><version>1</version><appname></appname>"
                + "</appinfo><commenturl></commenturl></msg>";
    }

    /** The file name percent-encoded with {@code .} and {@code _} encoded too (PROTOCOL.md 6.2, corpus). */
    static String encryFileName(String name) {
        return URLEncoder.encode(name, StandardCharsets.UTF_8).replace("+", "%20").replace(".", "%2E")
                .replace("_", "%5F").replace("-", "%2D").replace("*", "%2A");
    }

    private static String appMsg(String appId, String title, String des, String action, int type, String url,
                                 String dataUrls, String inner, String appInfo) {
        String urls = dataUrls.isEmpty() ? "<dataurl></dataurl><lowurl></lowurl><lowdataurl></lowdataurl>"
                : dataUrls.replace("<lowdataurl>", "<lowurl></lowurl><lowdataurl>");
        // des may carry a CDATA section (transfers); anything else is escaped text.
        String desXml = des.startsWith("<![CDATA[") ? des : esc(des);
        return "<msg><appmsg appid=\"" + attr(appId) + "\" sdkver=\"0\"><title>" + esc(title) + "</title><des>" + desXml
                + "</des><action>" + action + "</action><type>" + type + "</type><showtype>0</showtype><content></content>"
                + "<url>" + esc(url) + "</url>" + urls + "<recorditem><![CDATA[]]></recorditem><thumburl></thumburl>"
                + "<messageaction></messageaction><extinfo></extinfo><sourceusername></sourceusername>"
                + "<sourcedisplayname></sourcedisplayname><commenturl></commenturl>" + inner + "</appmsg>"
                + "<fromusername></fromusername><scene>0</scene>" + appInfo + "<commenturl></commenturl></msg>";
    }

    private static String extension(String name) {
        int dot = name.lastIndexOf('.');
        return dot < 0 || dot == name.length() - 1 ? "" : name.substring(dot + 1).toLowerCase(Locale.ROOT);
    }

    private static String coordinate(double value) {
        return String.format(Locale.ROOT, "%.6f", value);
    }

    /** The wire escaping of an XML body (9.2): entities for {@code & < >}, {@code <br/>} for line breaks. */
    private static String xml(String body) {
        return WebText.escape(body);
    }

    /** XML text escaping inside the (later wire-escaped) XML. */
    private static String esc(String text) {
        return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
    }

    private static String attr(String text) {
        return esc(text).replace("\"", "&quot;");
    }

    /** Deterministic hex filler derived from an id, for CDN keys and hashes nobody can verify. */
    private static String hex(long seed, int length) {
        StringBuilder out = new StringBuilder(length + 16);
        long state = seed;
        while (out.length() < length) {
            state = state * 6364136223846793005L + 1442695040888963407L;
            out.append(HexFormat.of().toHexDigits(state));
        }
        return out.substring(0, length);
    }

    /** The mutable fields of one message being rendered; starts as a plain text message. */
    private static final class Draft {
        int type = 1;
        String content = "";
        int status = STATUS_NORMAL;
        int imgStatus = IMG_NONE;
        int voiceLength;
        int playLength;
        String fileName = "";
        String fileSize = "";
        String mediaId = "";
        String url = "";
        int appMsgType;
        Wire.RecommendInfo recommendInfo = Wire.RecommendInfo.EMPTY;
        String appId = "";
        int width;
        int height;
        int subMsgType;
        String oriContent = "";
        String encryFileName = "";
    }
}
