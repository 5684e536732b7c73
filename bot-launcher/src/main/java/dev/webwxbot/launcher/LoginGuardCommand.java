package dev.webwxbot.launcher;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import com.typesafe.config.ConfigUtil;
import dev.webwxbot.core.LoginGuard;
import dev.webwxbot.core.LoginGuardSettings;
import dev.webwxbot.server.ServerConfig;
import dev.webwxbot.server.account.AccountConfig;
import dev.webwxbot.server.account.AccountConfigs;
import dev.webwxbot.server.account.LoginGuardConfig;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Clock;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code webwx-bot login-guard [show|reset]}: the login-churn guard's record of an account, read from (and reset in)
 * its file in the data folder, so it works whether the bot runs or not, and without the HTTP API. A running bot's
 * guard reads the file at each login, so a reset counts at its next one: a bot that waits for the operator logs in
 * on its next start ({@code systemctl restart webwx-bot}) or on {@code webwx-bot accounts login ID}; the API's
 * {@code POST /api/v1/accounts/ID/login-guard/reset} resets and logs in at once.
 */
@Command(name = "login-guard", mixinStandardHelpOptions = true,
        description = "Show an account's login-churn guard (recent logins, holds), or reset it so the next login goes ahead.")
final class LoginGuardCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Mixin
    CommonOptions common;

    @Option(names = "--account", paramLabel = "ID",
            description = "the account (default: default, the single account of a bot without an accounts block)")
    String account;

    @Override
    public Integer call() {
        return show(common, account);
    }

    @Command(name = "show", mixinStandardHelpOptions = true,
            description = "The logins of the guard's window, its strikes, and whether it waits for the operator.")
    int show(@Mixin CommonOptions common,
             @Option(names = "--account", paramLabel = "ID", description = "the account (default: default)") String account) {
        String id = id(account);
        LoginGuard guard = guard(common, id);
        print(id, guard.status());
        return 0;
    }

    @Command(name = "reset", mixinStandardHelpOptions = true,
            description = "Forget the guard's strikes and window (the operator's override): the next login goes ahead.")
    int reset(@Mixin CommonOptions common,
              @Option(names = "--account", paramLabel = "ID", description = "the account (default: default)") String account) {
        String id = id(account);
        LoginGuard.Status status = guard(common, id).reset();
        PrintWriter out = spec.commandLine().getOut();
        out.println("login guard of " + id + " reset: the next login goes ahead.");
        out.println("A running bot logs in at its next try; to start one now: webwx-bot accounts login " + id
                + " (with the API on), or restart the bot (systemctl restart webwx-bot).");
        print(id, status);
        return 0;
    }

    /** The account named after the subcommand, else before it, else {@code default}. */
    private String id(String given) {
        String id = given != null ? given : account != null ? account : AccountConfig.DEFAULT_ID;
        AccountConfig.requireValidId(id);
        return id;
    }

    private LoginGuard guard(CommonOptions given, String id) {
        // Options given before the subcommand ("login-guard --data-dir d reset") land on this command: use them too.
        CommonOptions options = given != this.common && this.common != null ? given.orElse(this.common) : given;
        Path dataDir = options.settings().dataDir();
        Config config = options.operatorConfig();
        return LoginGuard.open(AccountConfigs.folder(dataDir, id).resolve(LoginGuard.FILE), settings(config, id),
                Clock.systemUTC(), "webwx-bot login-guard reset" + (id.equals(AccountConfig.DEFAULT_ID) ? ""
                        : " --account " + id) + " --data-dir " + dataDir.toAbsolutePath());
    }

    /** The account's own guard settings when its block sets them, else the bot-wide ones. */
    private static LoginGuardSettings settings(Config config, String account) {
        Config bot = config.getConfig(ServerConfig.ROOT);
        String own = AccountConfigs.BLOCK + "." + ConfigUtil.quoteString(account);
        Config block = bot.hasPath(own) ? bot.getConfig(own) : ConfigFactory.empty();
        return LoginGuardConfig.read(block.withoutPath("webhooks").withFallback(bot),
                ServerConfig.ROOT + "." + LoginGuardConfig.BLOCK);
    }

    private void print(String account, LoginGuard.Status status) {
        PrintWriter out = spec.commandLine().getOut();
        if (!status.enabled()) {
            out.println("login guard of " + account + ": off (webwx-bot.safety.login-guard.enabled = false)");
            out.flush();
            return;
        }
        long minutes = status.window().toMinutes();
        out.println("login guard of " + account + ": fresh logins " + status.freshLogins() + " of "
                + status.maxFreshLogins() + ", resumes " + status.resumes() + " of " + status.maxResumes()
                + " in the last " + minutes + " min; failed or held in a row " + status.strikes() + " of "
                + status.giveUpAfter());
        out.println(status.waitsForOperator()
                ? "it waits for the operator: webwx-bot login-guard reset" + (account.equals(AccountConfig.DEFAULT_ID)
                        ? "" : " --account " + account)
                : "it does not wait for the operator");
        status.recent().forEach(line -> out.println("  " + line));
        out.flush();
    }
}
