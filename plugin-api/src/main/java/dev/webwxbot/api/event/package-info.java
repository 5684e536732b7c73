/**
 * Everything the bot can tell a plugin about, as one sealed hierarchy of immutable records so that a
 * {@code switch} over {@link dev.webwxbot.api.event.BotEvent} is checked by the compiler.
 *
 * <p>Messages carry an {@link dev.webwxbot.api.event.Envelope} (who, where, when and whether that time is the
 * server's, whether I was mentioned, the protocol's own numbers for the message) and the fields of their kind; what
 * the server did not say is {@code ""}, 0, -1 for a size in bytes, or {@link dev.webwxbot.api.Gender#UNKNOWN},
 * never {@code null}. A message the protocol sends that this version does not understand arrives as
 * {@link dev.webwxbot.api.event.UnknownMessage} with its raw content, never as an error.
 *
 * <p>Changes of the address book and of groups (a friend added or deleted, a remark changed, a member joined or
 * left, a group renamed) are {@link dev.webwxbot.api.event.ContactEvent}s, each raised once however the server
 * told of it; session changes (online, ended) are {@link dev.webwxbot.api.event.SessionEvent}s.
 */
package dev.webwxbot.api.event;
