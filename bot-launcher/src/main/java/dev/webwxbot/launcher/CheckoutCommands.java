package dev.webwxbot.launcher;

import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * The commands of a source checkout: {@code ./webwx-bot test}, {@code build} and {@code fuzz} run Maven, so the
 * checkout's script handles them before Java starts. They are declared here too, so that {@code --help} and
 * shell completion list every command, and so an installed distribution, which has no sources to test or build,
 * answers them with one clear line (exit code 2) instead of "unknown command".
 */
final class CheckoutCommands {

    private CheckoutCommands() {
    }

    /** Where each checkout command's work really happens, for the line an installation prints. */
    private static int onlyInACheckout(CommandSpec spec, String what) {
        spec.commandLine().getErr().println("webwx-bot: '" + spec.name() + "' " + what + " and runs from a source"
                + " checkout only: ./webwx-bot " + spec.name() + " there (it needs Maven and the sources); this is an"
                + " installed distribution");
        return Main.CONFIGURATION_ERROR;
    }

    @Command(name = "test", description = "Run the test suite with Maven (mvn verify; extra arguments go to Maven)."
            + " Source checkout only.")
    static final class Test implements Callable<Integer> {
        @Spec
        CommandSpec spec;

        @Parameters(paramLabel = "MAVEN_ARGS", arity = "0..*", description = "passed on to mvn verify")
        List<String> mavenArgs;

        @Override
        public Integer call() {
            return onlyInACheckout(spec, "runs the test suite");
        }
    }

    @Command(name = "build", description = "Build the distribution (bot-launcher/target/dist) and the release archive"
            + " (bot-launcher/target/webwx-bot-<version>.tar.gz). Source checkout only.")
    static final class Build implements Callable<Integer> {
        @Spec
        CommandSpec spec;

        @Override
        public Integer call() {
            return onlyInACheckout(spec, "builds the distribution");
        }
    }

    @Command(name = "fuzz", description = "Run one fuzz target for longer (default 10m); without a target, list them."
            + " Source checkout only.")
    static final class Fuzz implements Callable<Integer> {
        @Spec
        CommandSpec spec;

        @Parameters(paramLabel = "TARGET [DURATION]", arity = "0..2", description = "a fuzz target and how long, e.g. 30s, 10m, 1h")
        List<String> args;

        @Override
        public Integer call() {
            return onlyInACheckout(spec, "runs a fuzz target");
        }
    }
}
