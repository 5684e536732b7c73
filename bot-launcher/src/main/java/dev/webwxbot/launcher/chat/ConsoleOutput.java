package dev.webwxbot.launcher.chat;

import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import org.jline.reader.LineReader;

/**
 * Everything the console prints goes through here, one line at a time in the order asked for, on one virtual
 * thread: above the prompt while the user is typing ({@link LineReader#printAbove}), so a message arriving mid-line
 * never splits what is being typed, and never on the network thread. Callers pass text that is already
 * sanitised. Thread-safe; {@link #close()} prints what is queued, then stops. The emulator's console prints through it
 * too.
 */
public final class ConsoleOutput implements AutoCloseable {

    private final LineReader reader;
    private final ExecutorService printer =
            Executors.newSingleThreadExecutor(Thread.ofVirtual().name("chat-console-output").factory());

    public ConsoleOutput(LineReader reader) {
        this.reader = reader;
    }

    public void say(String line) {
        try {
            printer.execute(() -> print(line));
        } catch (RejectedExecutionException e) {
            // Closing: the console is gone, so there is nobody left to read the line.
        }
    }

    private void print(String line) {
        try {
            reader.printAbove(line);
        } catch (RuntimeException | java.io.IOError e) {
            // The reader could not redraw (the terminal is going away): the line still gets out, plainly.
            reader.getTerminal().writer().println(line);
            reader.getTerminal().flush();
        }
    }

    @Override
    public void close() {
        printer.shutdown();
        try {
            printer.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
