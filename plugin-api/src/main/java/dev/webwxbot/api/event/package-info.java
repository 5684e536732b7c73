/**
 * Everything the bot can tell a plugin about, as one sealed hierarchy of immutable records so that a
 * {@code switch} over {@link dev.webwxbot.api.event.BotEvent} is checked by the compiler.
 *
 * <p>Messages carry an {@link dev.webwxbot.api.event.Envelope} (who, where, when, whether I was mentioned) and
 * the fields of their kind. A message the protocol sends that this version does not understand arrives as
 * {@link dev.webwxbot.api.event.UnknownMessage} with its raw content, never as an error.
 */
package dev.webwxbot.api.event;
