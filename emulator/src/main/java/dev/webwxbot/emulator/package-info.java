/**
 * A local, faithful server of the Web WeChat ("webwx") HTTP protocol with a scriptable "phone".
 *
 * <p>{@link dev.webwxbot.emulator.Emulator} is the entry point: it listens on one local port, dispatches on the
 * {@code Host} header so the real host names (and cookie domains) are used end to end, and exposes the world model
 * ({@link dev.webwxbot.emulator.Account}, {@link dev.webwxbot.emulator.Contact}, {@link dev.webwxbot.emulator.Phone})
 * that tests drive. The protocol reference is {@code PROTOCOL.md}; the real server's behaviour, not any client's,
 * is what the emulator reproduces.
 */
package dev.webwxbot.emulator;
