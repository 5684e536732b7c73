package dev.webwxbot.launcher.chat;

import dev.webwxbot.api.Contact;
import dev.webwxbot.api.Contacts;
import dev.webwxbot.safeoutput.TerminalText;
import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Predicate;
import java.util.function.Supplier;
import org.jline.reader.Candidate;
import org.jline.reader.CompletingParsedLine;
import org.jline.reader.Completer;
import org.jline.reader.LineReader;
import org.jline.reader.ParsedLine;
import org.jline.reader.impl.CompletionMatcherImpl;

/**
 * Tab completion: chat names after {@code ->}, {@code m->}, … (the colon added) and after {@code /to}, found by the
 * plugins' search and offered best match first ({@link Matcher} keeps JLine from filtering them again), file paths
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
            case SEND_NAME -> names(candidates, line.word(), true);
            case CHAT_NAME -> names(candidates, line.word(), false);
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

    /**
     * Every name of every chat while nothing is typed; else what the search finds for the typed part, in its rank
     * order (JLine keeps it through the candidates' sort index), each chat once under the name that fits best.
     */
    private void names(List<Candidate> candidates, String typed, boolean sendCommand) {
        Optional<Contacts> book = contacts.get();
        if (book.isEmpty()) return;
        if (typed.isBlank()) {
            for (Contact contact : NameResolver.chats(book.get().all())) {
                List<String> typable = typable(contact, sendCommand);
                for (String name : typable.isEmpty() ? List.of(contact.userName()) : typable) {
                    candidates.add(candidate(contact, name, sendCommand, 0));
                }
            }
            return;
        }
        int rank = 0;
        for (Contact contact : NameResolver.chats(book.get().find(typed))) {
            candidates.add(candidate(contact, fitting(contact, typed, sendCommand), sendCommand, rank++));
        }
    }

    private static Candidate candidate(Contact contact, String name, boolean sendCommand, int rank) {
        String value = sendCommand ? name + ":" : name;
        return new Candidate(value, name, contact.isGroup() ? "group" : null, null, null, null, !sendCommand, rank);
    }

    /** The names of a contact that print as they are and can be typed back in this command. */
    private static List<String> typable(Contact contact, boolean sendCommand) {
        return NameResolver.names(contact).stream()
                .filter(TerminalText::isClean)
                // In ->NAME:TEXT the name ends at the first colon, so a name with one cannot be typed there.
                .filter(name -> !(sendCommand && name.indexOf(':') >= 0))
                .toList();
    }

    /**
     * The name to complete a chat to: of its typable names, the first that equals, starts with or contains what was
     * typed, else the first (the chat was found by pinyin or by in-group name), else its UserName.
     */
    private static String fitting(Contact contact, String typed, boolean sendCommand) {
        List<String> typable = typable(contact, sendCommand);
        if (typable.isEmpty()) return contact.userName();
        String wanted = Contacts.normalizeName(typed);
        List<Predicate<String>> fits = List.of(wanted::equals, n -> n.startsWith(wanted), n -> n.contains(wanted));
        for (Predicate<String> fit : fits) {
            Optional<String> name = typable.stream().filter(n -> fit.test(Contacts.normalizeName(n))).findFirst();
            if (name.isPresent()) return name.get();
        }
        return typable.getFirst();
    }

    /**
     * JLine's matching, except for a typed chat name: the search already chose and ranked those candidates, and
     * JLine's own prefix matching would drop {@code Alice:} for {@code ali} and {@code 张三:} for {@code zs}.
     */
    static final class Matcher extends CompletionMatcherImpl {
        @Override
        public void compile(Map<LineReader.Option, Boolean> options, boolean prefix, CompletingParsedLine line,
                            boolean caseInsensitive, int errors, String originalGroupName) {
            if (line instanceof ChatLineParser.ChatLine chat && !chat.word().isBlank()
                    && (chat.slot() == ChatLineParser.Slot.SEND_NAME || chat.slot() == ChatLineParser.Slot.CHAT_NAME)) {
                reset(caseInsensitive);
                matchers.add(candidates -> candidates);
                return;
            }
            super.compile(options, prefix, line, caseInsensitive, errors, originalGroupName);
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
