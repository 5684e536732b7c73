package dev.webwxbot.server.api;

import com.typesafe.config.Config;
import dev.webwxbot.server.ServerConfig;

/**
 * The {@code webwx-bot.api} block. Immutable.
 *
 * @param enabled whether the daemon serves the API at all (off by default)
 * @param host the address it listens on; loopback unless the operator opens it up
 * @param port its TCP port; 0 picks a free one (tests)
 * @param token the bearer token; empty: generated once into {@code DATA_DIR/api-token}
 * @param maxBody the largest request body taken (an upload included)
 * @param console whether the web console is served at {@code /console/} (off by default; needs the API on)
 */
public record ApiSettings(boolean enabled, String host, int port, String token, long maxBody, boolean console) {

    /** Without the console. */
    public ApiSettings(boolean enabled, String host, int port, String token, long maxBody) {
        this(enabled, host, port, token, maxBody, false);
    }

    static final String PATH = ServerConfig.ROOT + ".api";

    public static ApiSettings read(Config root) {
        Config api = root.getConfig(PATH);
        int port = api.getInt("port");
        if (port < 0 || port > 65535) throw new IllegalArgumentException(PATH + ".port must be 0-65535, was " + port);
        long maxBody = api.getBytes("max-body");
        if (maxBody < 1024) throw new IllegalArgumentException(PATH + ".max-body must be at least 1KiB");
        boolean enabled = api.getBoolean("enabled");
        boolean console = api.getBoolean("console");
        if (console && !enabled) {
            throw new IllegalArgumentException(PATH + ".console = true needs the API: set " + PATH + ".enabled = true too");
        }
        return new ApiSettings(enabled, api.getString("host"), port, api.getString("token").strip(), maxBody, console);
    }

    /** A copy listening on {@code newPort}. */
    public ApiSettings withPort(int newPort) {
        return new ApiSettings(enabled, host, newPort, token, maxBody, console);
    }

    /** Never the token: this record is logged and shown. */
    @Override
    public String toString() {
        return "ApiSettings[enabled=" + enabled + ", host=" + host + ", port=" + port + ", maxBody=" + maxBody + ", console=" + console + "]";
    }
}
