package dev.webwxbot.core.internal.safety;

import dev.webwxbot.api.Contact;
import dev.webwxbot.api.Contacts;
import dev.webwxbot.api.event.ChatPaused;
import dev.webwxbot.api.event.ChatResumed;
import dev.webwxbot.api.event.MessageEvent;
import dev.webwxbot.api.event.TextMessage;
import dev.webwxbot.core.SafetyOptions;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.BiConsumer;

/**
 * The owner's pause and resume commands, written from the phone in the command chat: {@code #pause Alice},
 * {@code #resume Alice}. The name is resolved as the HTTP API resolves a chat: its user name, else the one contact
 * or group whose remark name, nickname or alias is exactly that (case and width ignored). The command chat gets a
 * one-line answer: what was done, or why nothing was. Thread-safe.
 */
final class OwnerCommands {

    private final SafetyOptions.Takeover settings;
    private final PauseBoard board;
    private final Contacts contacts;
    private final BiConsumer<Contact, String> answer;

    OwnerCommands(SafetyOptions.Takeover settings, PauseBoard board, Contacts contacts,
                  BiConsumer<Contact, String> answer) {
        this.settings = settings;
        this.board = board;
        this.contacts = contacts;
        this.answer = answer;
    }

    /** Obeys {@code message} when it is one of the owner's commands; false when it is not one. */
    boolean handle(MessageEvent message) {
        if (!settings.commands() || !(message instanceof TextMessage text)
                || !message.chat().userName().equals(settings.commandChat())) {
            return false;
        }
        String line = text.text().strip();
        Optional<String> pauseName = argument(line, settings.pauseCommand());
        Optional<String> resumeName = argument(line, settings.resumeCommand());
        if (pauseName.isEmpty() && resumeName.isEmpty()) return false;
        boolean pause = pauseName.isPresent();
        String name = pause ? pauseName.get() : resumeName.get();
        String command = pause ? settings.pauseCommand() : settings.resumeCommand();
        if (name.isEmpty()) {
            answer.accept(message.chat(), command + " needs a chat: " + command + " <name of the contact or group>");
            return true;
        }
        List<Contact> found = resolve(name);
        if (found.size() != 1) {
            answer.accept(message.chat(), found.isEmpty() ? "no contact or group is called '" + name + "'"
                    : found.size() + " contacts are called '" + name + "'; nothing was " + (pause ? "paused" : "resumed"));
            return true;
        }
        Contact chat = found.getFirst();
        if (pause) {
            board.pause(chat, ChatPaused.Cause.OWNER_COMMAND, Optional.empty(), "the owner paused the bot in "
                    + PauseBoard.describe(chat) + " from the phone, until resumed (" + settings.resumeCommand() + " "
                    + name + ")");
            answer.accept(message.chat(), "paused in " + chat.displayName() + " until " + settings.resumeCommand()
                    + " " + name);
        } else {
            boolean was = board.resume(chat, ChatResumed.Cause.OWNER_COMMAND, "the owner resumed the bot in "
                    + PauseBoard.describe(chat) + " from the phone");
            answer.accept(message.chat(), was ? "resumed in " + chat.displayName()
                    : chat.displayName() + " was not paused");
        }
        return true;
    }

    /** The text after {@code command} when {@code line} starts with it as a word; empty when it does not. */
    private static Optional<String> argument(String line, String command) {
        if (!line.startsWith(command)) return Optional.empty();
        String rest = line.substring(command.length());
        if (!rest.isEmpty() && !Character.isWhitespace(rest.charAt(0))) return Optional.empty();
        return Optional.of(rest.strip());
    }

    private List<Contact> resolve(String name) {
        Optional<Contact> byId = contacts.byUserName(name);
        if (byId.isPresent()) return List.of(byId.get());
        Set<Contact> found = new LinkedHashSet<>(contacts.findExact(name));
        return List.copyOf(found);
    }
}
