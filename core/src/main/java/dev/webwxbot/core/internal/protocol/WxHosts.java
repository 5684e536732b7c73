package dev.webwxbot.core.internal.protocol;

import java.util.Locale;
import java.util.Objects;

/**
 * The host family of a session (PROTOCOL.md 1.2): the API host chosen by the login redirect, and the file and push
 * hosts that pair with it. Immutable.
 */
public record WxHosts(String apiHost, String fileHost, String pushHost) {

    /** The login host every client may use before the API host is known. */
    public static final String DEFAULT_LOGIN_HOST = "login.wx.qq.com";
    /** The API host assumed before login, e.g. in jslogin's redirect_uri. */
    public static final String DEFAULT_API_HOST = "wx.qq.com";

    public WxHosts {
        Objects.requireNonNull(apiHost, "apiHost");
        Objects.requireNonNull(fileHost, "fileHost");
        Objects.requireNonNull(pushHost, "pushHost");
    }

    /**
     * Derives the file and push hosts from the API host by the substring tests of PROTOCOL.md 1.3, in that order
     * (order matters: {@code wx2.qq.com} also contains {@code qq.com}); an unknown host falls back to the official
     * page's defaults.
     */
    public static WxHosts forApiHost(String apiHost) {
        String host = apiHost.toLowerCase(Locale.ROOT);
        if (host.matches(".*:\\d+")) {
            // No WeChat host names a port: this is a server of one origin (an emulator reached by its own address),
            // which serves the file and push paths there too. Deriving webpush.<x> would lose the port.
            return new WxHosts(host, host, host);
        }
        if (host.contains("wx2.qq.com")) return new WxHosts(host, "file.wx2.qq.com", "webpush.wx2.qq.com");
        if (host.contains("wx8.qq.com")) return new WxHosts(host, "file.wx8.qq.com", "webpush.wx8.qq.com");
        if (host.contains("qq.com")) return new WxHosts(host, "file.wx.qq.com", "webpush.wx.qq.com");
        if (host.contains("web2.wechat.com")) {
            return new WxHosts(host, "file.web2.wechat.com", "webpush.web2.wechat.com");
        }
        if (host.contains("wechat.com")) return new WxHosts(host, "file.web.wechat.com", "webpush.web.wechat.com");
        return new WxHosts(host, "file.wx.qq.com", "webpush.weixin.qq.com");
    }

    /** The login host the official page pairs with this family. */
    public String loginHost() {
        return switch (apiHost) {
            case "wx.qq.com", "wx2.qq.com", "wx8.qq.com", "web.wechat.com", "web2.wechat.com" -> "login." + apiHost;
            default -> "login.weixin.qq.com";
        };
    }
}
