package dev.webwxbot.server;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigException;
import com.typesafe.config.ConfigFactory;
import com.typesafe.config.ConfigParseOptions;
import com.typesafe.config.ConfigResolveOptions;
import dev.webwxbot.api.InvalidSettingsException;
import dev.webwxbot.server.account.AccountPermissions;
import dev.webwxbot.core.chain.ConfigPluginSettings;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The operator's whole configuration the Typesafe Config way: {@code -D} system properties (and, with
 * {@code -Dconfig.override_with_env_vars=true}, {@code CONFIG_FORCE_*} environment variables) over the operator's
 * file over the {@code reference.conf} files on the class path, validated against them: a key of {@code webwx-bot}
 * they do not define is refused like a value of the wrong type ({@link StrictConfig}), and every such mistake is
 * reported at once.
 */
public final class ServerConfig {

    /** The block every setting of the bot itself lives in; plugins' blocks live under {@code plugins}. */
    public static final String ROOT = "webwx-bot";

    private ServerConfig() {
    }

    /**
     * Reads {@code file} (when given and present) over the defaults, resolved and checked.
     *
     * @throws InvalidConfigException listing every mistake found (a syntax error stops the reading at the first)
     */
    public static Config load(Optional<Path> file) {
        return load(file, true);
    }

    /**
     * As {@link #load(Optional)} but without refusing unknown keys or values of the wrong type: for tools that only
     * need to find the bot (its data folder) while its file has mistakes the running bot refused.
     *
     * @throws InvalidConfigException when the file does not parse
     */
    public static Config loadUnchecked(Optional<Path> file) {
        return load(file, false);
    }

    private static Config load(Optional<Path> file, boolean strict) {
        Config operator;
        try {
            operator = file.filter(Files::isRegularFile)
                    .map(path -> ConfigFactory.parseFile(path.toFile(), ConfigParseOptions.defaults().setAllowMissing(false)))
                    .orElse(ConfigFactory.empty());
        } catch (ConfigException.Parse e) {
            throw new InvalidConfigException(List.of(HoconSyntax.explain(e)));
        }
        Config reference = ConfigFactory.defaultReference(ServerConfig.class.getClassLoader());
        Config config;
        try {
            config = ConfigFactory.defaultOverrides().withFallback(operator).withFallback(reference).resolve();
        } catch (ConfigException.UnresolvedSubstitution e) {
            throw new InvalidConfigException(List.of(e.getMessage()));
        }
        if (!strict) return config;
        // The keys the reference files define: without the system properties defaultReference() lays over them.
        Config referenceKeys = ConfigFactory.defaultReferenceUnresolved(ServerConfig.class.getClassLoader())
                .resolve(ConfigResolveOptions.defaults().setAllowUnresolved(true));
        List<InvalidSettingsException> problems = new ArrayList<>(StrictConfig.unknownKeys(config, operator, referenceKeys));
        try {
            config.checkValid(reference, ROOT);
        } catch (ConfigException.ValidationFailed e) {
            e.problems().forEach(p -> problems.add(new InvalidSettingsException(p.path(), typeProblem(p),
                    ConfigPluginSettings.where(p.origin()))));
        }
        if (problems.stream().noneMatch(problem -> problem.key().contains(AccountPermissions.BLOCK))) {
            try {
                // What the key check leaves to the reader: each group's block, and entries that are no identity.
                AccountPermissions.read(config);
            } catch (InvalidSettingsException e) {
                problems.add(e);
            }
        }
        if (!problems.isEmpty()) throw new InvalidConfigException(StrictConfig.inFileOrder(problems));
        return config;
    }

    /** "expecting: object with keys [...] but got: boolean", without Typesafe's repetition of the key. */
    private static String typeProblem(ConfigException.ValidationProblem problem) {
        String text = problem.problem();
        int expecting = text.indexOf("expecting: ");
        return expecting < 0 ? text : text.substring(expecting);
    }
}
