package dev.webwxbot.emulator.internal;

import dev.webwxbot.emulator.HostFamily;

/**
 * How a client reached the emulator: by a WeChat host name in {@code Host} (our client with {@code --server}, a
 * redirecting preload, a capture), or straight at the emulator's own origin (any client whose requests were all
 * rewritten to {@code 127.0.0.1:PORT}, path and query untouched). The first kind is served exactly as the real
 * hosts would serve it (PROTOCOL.md 1.1–1.5); the second is routed by path and handed the emulator's own origin
 * wherever the real server hands out a host, since such a client cannot reach a WeChat host name. Immutable.
 *
 * @param ownOrigin {@code scheme://Host} as the client reached the emulator, or {@code null} for a client that
 *                  sends a WeChat host name
 * @param tls       whether the connection speaks TLS (decides {@code Secure} on cookies)
 */
record ClientOrigin(String ownOrigin, boolean tls) {

    /** A client that names WeChat hosts; the default of an exchange that was never routed. */
    static final ClientOrigin WECHAT_HOSTS = new ClientOrigin(null, false);

    /** Whether the client came in on a non-WeChat Host and is served at the emulator's own origin. */
    boolean direct() {
        return ownOrigin != null;
    }

    /** {@code https://<wechatHost>} for clients that name WeChat hosts, else the emulator's own origin. */
    String base(String wechatHost) {
        return direct() ? ownOrigin : "https://" + wechatHost;
    }

    /** The base URL of a family's API host as this client must see it (PROTOCOL.md 1.3: the redirect's host). */
    String apiBase(HostFamily family) {
        return base(family.apiHost());
    }
}
