package dev.webwxbot.launcher;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * {@code --help} names every command the user can type (the checkout script's test, build and fuzz included), each
 * with a one-line summary that reads as a sentence; {@code completion} prints a script that completes them all,
 * checked by running it in bash.
 */
class HelpAndCompletionTest {

    /** What {@code ./webwx-bot} (the checkout script) handles itself, besides what it hands to Java. */
    private static final Set<String> SCRIPT_COMMANDS = Set.of("test", "build", "fuzz");

    @TempDir
    Path dir;

    @Test
    void helpListsEveryCommandIncludingThoseTheCheckoutScriptRuns() {
        Run help = run("--help");
        assertEquals(0, help.code());
        Set<String> listed = new TreeSet<>();
        boolean inCommands = false;
        for (String line : help.out().lines().toList()) {
            if (line.equals("Commands:")) inCommands = true;
            else if (inCommands && line.matches("  \\S.*")) listed.add(line.strip().split("\\s+")[0]);
            else if (inCommands && line.isBlank()) inCommands = false;
        }
        assertEquals(new TreeSet<>(Main.commandLine().getSubcommands().keySet()), listed, help.out());
        assertTrue(listed.containsAll(SCRIPT_COMMANDS), listed.toString());
        assertTrue(listed.contains("completion"), listed.toString());
        assertTrue(help.out().contains("Exit codes:"), help.out());
    }

    @Test
    void everyCommandsSummaryIsACompleteSentence() {
        // The first description line is all --help shows: it must not end on a colon (chat's did) or mid-phrase.
        for (CommandLine command : allCommands(Main.commandLine())) {
            String[] description = command.getCommandSpec().usageMessage().description();
            assertTrue(description.length > 0, command.getCommandName() + " has a description");
            String first = description[0].strip();
            assertTrue(first.endsWith(".") || first.endsWith(")"), command.getCommandSpec().qualifiedName()
                    + ": '" + first + "'");
        }
    }

    @Test
    void aCheckoutCommandInAnInstalledDistributionSaysWhereItRunsWithExitCodeTwo() {
        for (String command : SCRIPT_COMMANDS) {
            Run run = run(command);
            assertEquals(Main.CONFIGURATION_ERROR, run.code(), command);
            assertEquals(1, run.err().lines().count(), run.err());
            assertTrue(run.err().contains("./webwx-bot " + command) && run.err().contains("source checkout"), run.err());
        }
    }

    @Test
    void theBashCompletionScriptCompletesEveryCommandAndSubcommand() throws Exception {
        Run completion = run("completion", "bash");
        assertEquals(0, completion.code(), completion.err());
        Path script = Files.writeString(dir.resolve("webwx-bot.bash"), completion.out());

        assertEquals(new TreeSet<>(Main.commandLine().getSubcommands().keySet()), complete(script, "webwx-bot", ""));
        assertEquals(new TreeSet<>(Main.commandLine().getSubcommands().get("plugins").getSubcommands().keySet()),
                complete(script, "webwx-bot plugins", ""));
        assertEquals(Set.of("status", "drain", "forget"), complete(script, "webwx-bot cluster", ""));
        assertTrue(complete(script, "webwx-bot cluster drain", "--").containsAll(Set.of("--wait", "--redis", "--timeout")));
        assertEquals(Set.of("auto", "dark", "light", "ansi"), complete(script, "webwx-bot run --qr-colors", ""));
        assertEquals(Set.of("bash", "zsh"), complete(script, "webwx-bot completion", ""));
        assertTrue(complete(script, "webwx-bot run", "--").containsAll(Set.of("--data-dir", "--qr-colors", "--help")));
    }

    @Test
    void theZshScriptIsTheSameScriptWithZshsCompletionSystemLoadedFirst() {
        String bash = run("completion", "bash").out();
        Run zsh = run("completion", "zsh");
        assertEquals(0, zsh.code());
        assertTrue(zsh.out().startsWith("autoload -U +X compinit && compinit\n"), zsh.out().lines().findFirst().orElse(""));
        assertTrue(zsh.out().endsWith(bash), "then the script, which turns on bashcompinit under zsh");
        assertTrue(bash.contains("bashcompinit"), "picocli's script handles zsh");
        assertFalse(run("completion", "fish").code() == 0, "an unknown shell is refused");
    }

    /** The words bash's completion offers after {@code line} for the word being typed, {@code current}. */
    private static Set<String> complete(Path script, String line, String current) throws Exception {
        List<String> words = new ArrayList<>(List.of(line.split(" ")));
        words.add(current);
        StringBuilder array = new StringBuilder();
        for (String word : words) array.append('\'').append(word).append("' ");
        String program = "source '" + script + "' 2>/dev/null\n"
                + "COMP_WORDS=(" + array + ")\n"
                + "COMP_CWORD=" + (words.size() - 1) + "\n"
                + "COMP_LINE='" + line + " " + current + "'\n"
                + "COMP_POINT=${#COMP_LINE}\n"
                + "_complete_webwx-bot webwx-bot '" + current + "' '" + words.get(words.size() - 2) + "' 2>/dev/null\n"
                + "printf '%s\\n' \"${COMPREPLY[@]}\"\n";
        Process bash = new ProcessBuilder("bash", "-c", program).redirectErrorStream(true).start();
        String out = new String(bash.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(bash.waitFor(30, TimeUnit.SECONDS), "bash finished");
        Set<String> offered = new TreeSet<>();
        out.lines().map(String::strip).filter(word -> !word.isEmpty()).forEach(offered::add);
        return offered;
    }

    private static List<CommandLine> allCommands(CommandLine root) {
        List<CommandLine> all = new ArrayList<>();
        for (CommandLine sub : root.getSubcommands().values()) {
            all.add(sub);
            all.addAll(allCommands(sub));
        }
        return all;
    }

    private record Run(int code, String out, String err) {
    }

    private static Run run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = Main.commandLine().setOut(new PrintWriter(out, true)).setErr(new PrintWriter(err, true)).execute(args);
        return new Run(code, out.toString(), err.toString());
    }
}
