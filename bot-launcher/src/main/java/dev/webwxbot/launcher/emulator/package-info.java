/**
 * {@code webwx-bot emulator}'s talking world: the report of accounts, contacts, ids and ready-to-paste {@code curl}
 * lines printed at start ({@link dev.webwxbot.launcher.emulator.WorldReport}), the chatter that makes friends and
 * group members write at a rate ({@link dev.webwxbot.launcher.emulator.Chatter}), and the interactive console where
 * the operator types as a friend ({@link dev.webwxbot.launcher.emulator.EmulatorConsole}). Everything acts through
 * the emulator's public API, as a test would; every name printed goes through {@code TerminalText}.
 */
package dev.webwxbot.launcher.emulator;
