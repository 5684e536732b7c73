/**
 * The auto-reply plugin: rules written by the operator, each set off by a trigger (a text that a keyword, exact
 * phrase or RE2 regular expression fits, a message of some kinds, a friend request, a group member joining or leaving,
 * a revoke, a schedule, the login) and doing actions in order (answer with text, pictures or files, accept, bring
 * into or remove from a group, forward, send to a named chat, call a web service, ask a language model), within a
 * scope of chats, time windows and cooldowns. Rules are read and checked in
 * {@link dev.webwxbot.plugins.autoreply.AutoReplyHandler#configure}; everything else is package-private.
 */
package dev.webwxbot.plugins.autoreply;
