package dev.webwxbot.launcher;

import com.typesafe.config.Config;
import java.net.URI;
import java.nio.file.Path;
import java.util.Optional;
import picocli.CommandLine.Option;

/**
 * How {@code accounts} and {@code send} find the daemon's HTTP API: {@code --api} and {@code --token-file} override
 * what the daemon left in its data folder ({@code api.json}, {@code api-token}).
 */
final class ApiOptions {

    /** The environment variable that may carry the token (so it stays out of the process list). */
    static final String TOKEN_VARIABLE = "WEBWX_API_TOKEN";

    @Option(names = "--api", paramLabel = "URL",
            description = "the daemon's API, e.g. http://127.0.0.1:8788 (default: the url in DATA_DIR/api.json)")
    String api;

    @Option(names = "--token-file", paramLabel = "FILE",
            description = "file holding the API token (default: $" + TOKEN_VARIABLE
                    + ", else webwx-bot.api.token, else DATA_DIR/api-token)")
    Path tokenFile;

    /** These options, each one not given taken from {@code outer}'s (those of the parent command). */
    ApiOptions orElse(ApiOptions outer) {
        ApiOptions merged = new ApiOptions();
        merged.api = api != null ? api : outer.api;
        merged.tokenFile = tokenFile != null ? tokenFile : outer.tokenFile;
        return merged;
    }

    /** The API and token for the data folder and configuration of {@code common}. */
    ApiTarget target(CommonOptions common) {
        Path dataDir = common.settings().dataDir();
        Config config = common.operatorConfig();
        String key = "webwx-bot.api.token";
        Optional<String> configured = config.hasPath(key) ? Optional.of(config.getString(key)) : Optional.empty();
        return ApiTarget.resolve(dataDir,
                Optional.ofNullable(api).map(ApiOptions::parseUrl),
                Optional.ofNullable(tokenFile),
                Optional.ofNullable(System.getenv(TOKEN_VARIABLE)),
                configured.map(token -> new ApiTarget.Token(token, key + " in " + common.configFile())));
    }

    private static URI parseUrl(String value) {
        try {
            return LauncherSettings.parseServer(value);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("--api must look like http://127.0.0.1:8788, not '" + value + "'");
        }
    }
}
