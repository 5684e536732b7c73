/**
 * The {@code webwx-bot} command line: {@code run} (the bot as a daemon), {@code demo} (the bot against an
 * in-process emulator) and {@code emulator} (the emulator alone), with HOCON configuration and Logback logging.
 */
package dev.webwxbot.launcher;
