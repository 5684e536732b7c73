/**
 * {@code webwx-bot bench}: the end-to-end benchmark of issue 20. Our daemon (the distribution's
 * {@code bin/webwx-bot run}) and wechat4u (Node.js) answer the same emulator one after the other, each in its own
 * process; the figures come from the emulator's own timestamps and from {@code /proc}.
 */
package dev.webwxbot.launcher.bench;
