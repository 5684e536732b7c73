/**
 * What the bot prints and writes, made safe for its operator: {@link dev.webwxbot.safeoutput.TerminalText} cleans
 * text from the network before a terminal or a log line shows it, {@link dev.webwxbot.safeoutput.OwnerOnly} creates
 * folders and files only their owner may open. Depends on nothing of ours.
 */
package dev.webwxbot.safeoutput;
