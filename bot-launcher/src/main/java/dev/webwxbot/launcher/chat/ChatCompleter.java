package dev.webwxbot.launcher.chat;

import dev.webwxbot.api.Contact;
import dev.webwxbot.api.Contacts;
import dev.webwxbot.safeoutput.TerminalText;
import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;
import org.jline.reader.Candidate;
import org.jline.reader.Completer;
import org.jline.reader.LineReader;
import org.jline.reader.ParsedLine;

/**
 * Tab completion: contact names after {@code ->}, {@code m->}, … (the colon added) and after {@code /to}, file paths
 * after the colon, {@code on}/{@code off} after {@code /auto}, and the slash commands. Only names that print as
 * they are and can be typed back are offered; a contact without one is offered by UserName. Thread-safe.
 */
final class ChatCompleter implements Completer {

    static final List<String> COMMANDS = List.of("/help", "/chats", "/to ", "/auto ", "quit");

    /** Listing a huge directory is cut here; the user types more of the name instead. */
    private static final int MAX_PATHS = 500;

    private final Supplier<Optional<Contacts>> contacts;

    /** {@code contacts} is empty until the session is online. */
    ChatCompleter(Supplier<Optional<Contacts>> contacts) {
        this.contacts = contacts;
    }

    @Override
    public void complete(LineReader reader, ParsedLine parsed, List<Candidate> candidates) {
        ChatLineParser.ChatLine line = parsed instanceof ChatLineParser.ChatLine chat ? chat
                : ChatLineParser.forCompletion(parsed.line(), parsed.cursor());
        switch (line.slot()) {
            case SEND_NAME -> names(candidates, true);
            case CHAT_NAME -> names(candidates, false);
            case PATH -> paths(line.word(), candidates);
            case AUTO_SWITCH -> {
                candidates.add(new Candidate("on"));
                candidates.add(new Candidate("off"));
            }
            case COMMAND -> COMMANDS.forEach(command -> candidates.add(
                    new Candidate(command, command.strip(), null, null, null, null, false)));
            case NONE -> {
            }
        }
    }

    private void names(List<Candidate> candidates, boolean sendCommand) {
        for (Contact contact : contacts.get().map(Contacts::all).orElse(List.of())) {
            String kind = contact.isGroup() ? "group" : null;
            List<String> typable = NameResolver.names(contact).stream()
                    .filter(TerminalText::isClean)
                    // In ->NAME:TEXT the name ends at the first colon, so a name with one cannot be typed there.
                    .filter(name -> !(sendCommand && name.indexOf(':') >= 0))
                    .toList();
            List<String> offered = typable.isEmpty() ? List.of(contact.userName()) : typable;
            for (String name : offered) {
                String value = sendCommand ? name + ":" : name;
                candidates.add(new Candidate(value, name, kind, null, null, null, !sendCommand));
            }
        }
    }

    private static void paths(String typed, List<Candidate> candidates) {
        int slash = typed.lastIndexOf('/');
        String dirPart = slash < 0 ? "" : typed.substring(0, slash + 1);
        Path dir;
        try {
            dir = dirPart.isEmpty() ? Path.of(".") : OutgoingFactory.expandHome(dirPart);
        } catch (RuntimeException e) {
            return;
        }
        if (!Files.isDirectory(dir)) return;
        int listed = 0;
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(dir)) {
            for (Path entry : entries) {
                if (listed++ >= MAX_PATHS) break;
                String name = entry.getFileName().toString();
                if (!TerminalText.isClean(name)) continue;
                boolean directory = Files.isDirectory(entry);
                // Never complete: after a file the user presses enter, after a directory goes on typing.
                candidates.add(new Candidate(dirPart + name + (directory ? "/" : ""), name + (directory ? "/" : ""),
                        null, null, null, null, false));
            }
        } catch (IOException | RuntimeException e) {
            // An unreadable directory simply offers nothing.
        }
    }
}
