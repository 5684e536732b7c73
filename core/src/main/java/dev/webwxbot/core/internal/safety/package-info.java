/**
 * The session's safety behaviours for chats, below every plugin: human takeover and the owner's pause and resume
 * commands, the reply-loop and storm breaker, and the account's send ceiling. {@link
 * dev.webwxbot.core.internal.safety.ChatSafety} is where the session's messages and sends pass; the paused chats are
 * its {@code ChatPauses}. Everything is measured on a {@link java.time.Clock}; nothing here touches the network.
 */
package dev.webwxbot.core.internal.safety;
