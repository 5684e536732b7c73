package dev.webwxbot.core.internal.protocol;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * The push hosts worth probing for a session's synccheck when the derived one answers {@code 1100} right after
 * login (PROTOCOL.md 1.4): the derived host, then wxBot's {@code webpush.} and {@code webpush2.} + API host.
 * WeixinBot's longer list is not used: its other hosts belong to other families (accounts are pinned to one, 1.3)
 * or lie outside the API host's cookie domain, so the session cookies would not reach them (1.5) and they could only
 * answer {@code 1102}.
 */
public final class PushHosts {

    private PushHosts() {
    }

    public static List<String> candidates(WxHosts hosts) {
        Set<String> ordered = new LinkedHashSet<>();
        ordered.add(hosts.pushHost());
        ordered.add("webpush." + hosts.apiHost());
        ordered.add("webpush2." + hosts.apiHost());
        return List.copyOf(ordered);
    }
}
