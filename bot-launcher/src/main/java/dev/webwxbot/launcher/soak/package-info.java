/**
 * The fault soak ({@code webwx-bot soak}): the packaged bot as a child process against an in-process emulator
 * that faults a share of every request, friends and a group writing numbered messages at a steady rate, the bot
 * killed ({@code kill -9}) and stopped ({@code SIGTERM}) at seeded times, and a count of what was answered, lost and
 * answered twice. See {@link dev.webwxbot.launcher.soak.Soak}.
 */
package dev.webwxbot.launcher.soak;
