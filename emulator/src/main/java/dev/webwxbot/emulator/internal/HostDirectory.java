package dev.webwxbot.emulator.internal;

import dev.webwxbot.emulator.HostFamily;

import java.util.HashMap;
import java.util.Locale;
import java.util.Map;

/**
 * Knows every real host name the protocol uses (PROTOCOL.md 1.1, 1.2, 1.4) and what role it plays, so that one
 * local port can serve them all by looking at the {@code Host} header. Any other Host (a client that sends every
 * request to {@code 127.0.0.1:PORT}) is a direct client: routed by path, since the paths are unique across roles.
 */
final class HostDirectory {

    enum Role { LOGIN, API, FILE, PUSH, UNKNOWN }

    /** A host's role and, for API/file/push hosts, the family it belongs to ({@code null} for login/unknown hosts). */
    record HostRole(Role role, HostFamily family) {
    }

    private static final HostRole UNKNOWN = new HostRole(Role.UNKNOWN, null);

    private final Map<String, HostRole> roles = new HashMap<>();

    HostDirectory() {
        roles.put("login.weixin.qq.com", new HostRole(Role.LOGIN, null));
        for (HostFamily family : HostFamily.values()) {
            String api = family.apiHost();
            roles.put("login." + api, new HostRole(Role.LOGIN, null));
            roles.put(api, new HostRole(Role.API, family));
            roles.put("file." + api, new HostRole(Role.FILE, family));
            roles.put("file2." + api, new HostRole(Role.FILE, family));
            roles.put("webpush." + api, new HostRole(Role.PUSH, family));
            roles.put("webpush2." + api, new HostRole(Role.PUSH, family));
        }
        // Legacy push hosts from older documents and probing lists, attached to the family they historically served.
        for (String legacy : new String[] {"webpush.weixin.qq.com", "webpush2.weixin.qq.com"}) {
            roles.put(legacy, new HostRole(Role.PUSH, HostFamily.WX));
        }
        for (String legacy : new String[] {"webpush.wechat.com", "webpush1.wechat.com", "webpush2.wechat.com",
                "webpush.wechatapp.com", "webpush1.wechatapp.com"}) {
            roles.put(legacy, new HostRole(Role.PUSH, HostFamily.WEB_WECHAT));
        }
    }

    /** Every known host name, sorted (for the TLS certificate's subject alternative names). */
    java.util.List<String> hostNames() {
        return roles.keySet().stream().sorted().toList();
    }

    HostRole resolve(String host) {
        return roles.getOrDefault(normalise(host), UNKNOWN);
    }

    /**
     * Whether {@code ex} reached a host of another family than {@code family} (1.3: such calls fail). A loopback
     * client names no host, and a login host serves every family (1.1), so neither is foreign.
     */
    boolean foreignToFamily(Exchange ex, HostFamily family) {
        HostRole role = resolve(ex.host());
        return !ex.origin().direct() && role.role() != Role.LOGIN && role.family() != family;
    }

    /** Whether {@code host} is one of the WeChat host names above (ports and case ignored). */
    boolean isWeChatHost(String host) {
        return roles.containsKey(normalise(host));
    }

    /**
     * How the client of {@code ex} reached us: a WeChat Host, or (when {@code directClients} is on) any other Host,
     * whose own {@code scheme://Host} is then what the emulator hands out instead of WeChat hosts.
     */
    ClientOrigin originOf(Exchange ex, boolean directClients) {
        if (!directClients || isWeChatHost(ex.host())) {
            return new ClientOrigin(null, ex.tls());
        }
        return new ClientOrigin((ex.tls() ? "https://" : "http://") + ex.authority(), ex.tls());
    }

    /** Lower case, without a trailing port or dot; {@code ""} for null. */
    static String normalise(String hostHeader) {
        if (hostHeader == null) {
            return "";
        }
        String host = hostHeader.trim().toLowerCase(Locale.ROOT);
        if (host.startsWith("[")) {
            int end = host.indexOf(']');
            return end > 0 ? host.substring(0, end + 1) : host;
        }
        int colon = host.lastIndexOf(':');
        if (colon >= 0) {
            host = host.substring(0, colon);
        }
        return host.endsWith(".") ? host.substring(0, host.length() - 1) : host;
    }
}
