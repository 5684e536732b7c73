package dev.webwxbot.launcher;

import java.io.PrintWriter;
import java.io.StringWriter;
import picocli.CommandLine;

/** One run of {@code webwx-bot ARGS...} in process, its exit code and what it printed on stdout and stderr. */
record ApiCommandRun(int exit, String out, String err) {

    static ApiCommandRun of(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandLine commandLine = Main.commandLine();
        commandLine.setOut(new PrintWriter(out, true));
        commandLine.setErr(new PrintWriter(err, true));
        int exit = commandLine.execute(args);
        return new ApiCommandRun(exit, out.toString(), err.toString());
    }
}
