/**
 * The auto-reply plugin: answers text messages that match operator-written rules (keyword, exact phrase or RE2
 * regular expression) with text, pictures or files, within a scope of chats, time windows and cooldowns. Rules are
 * read and checked in {@link dev.webwxbot.plugins.autoreply.AutoReplyHandler#configure}; everything else is
 * package-private.
 */
package dev.webwxbot.plugins.autoreply;
