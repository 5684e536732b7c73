/**
 * Commands a plugin declares instead of parsing text itself: a name and aliases, typed arguments, a description, where
 * and by whom it may be used. The bot parses and checks each call, answers a wrong one with its usage line, and lists
 * the commands a person may use under the built-in {@code help}. Start at {@link dev.webwxbot.api.command.Command}.
 */
package dev.webwxbot.api.command;
