package dev.webwxbot.emulator;

import java.util.Locale;
import java.util.Optional;

/**
 * The domain family an account is pinned to (PROTOCOL.md 1.2): the API host named in the login redirect, and the
 * login, file and push hosts paired with it. Immutable and thread-safe.
 */
public enum HostFamily {
    WX("wx.qq.com", ".qq.com"),
    WX2("wx2.qq.com", ".qq.com"),
    WX8("wx8.qq.com", ".qq.com"),
    WEB_WECHAT("web.wechat.com", ".wechat.com"),
    WEB2_WECHAT("web2.wechat.com", ".wechat.com");

    private final String apiHost;
    private final String parentCookieDomain;

    HostFamily(String apiHost, String parentCookieDomain) {
        this.apiHost = apiHost;
        this.parentCookieDomain = parentCookieDomain;
    }

    /** The API host, e.g. {@code wx2.qq.com}. */
    public String apiHost() {
        return apiHost;
    }

    /** The official login host of the family, e.g. {@code login.wx2.qq.com}. */
    public String loginHost() {
        return "login." + apiHost;
    }

    /** The upload/download host, e.g. {@code file.wx2.qq.com}. */
    public String fileHost() {
        return "file." + apiHost;
    }

    /** The long-poll host, e.g. {@code webpush.wx2.qq.com}. */
    public String pushHost() {
        return "webpush." + apiHost;
    }

    /** The registrable parent domain {@code webwx_data_ticket} is scoped to ({@code .qq.com} or {@code .wechat.com}). */
    public String parentCookieDomain() {
        return parentCookieDomain;
    }

    /** The family whose API host is exactly {@code host} (case-insensitive), if any. */
    public static Optional<HostFamily> ofApiHost(String host) {
        String wanted = host == null ? "" : host.toLowerCase(Locale.ROOT);
        for (HostFamily family : values()) {
            if (family.apiHost.equals(wanted)) {
                return Optional.of(family);
            }
        }
        return Optional.empty();
    }
}
