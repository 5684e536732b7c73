/**
 * {@code webwx-bot chat}: the terminal WeChat client. Logs in like {@code run}, prints every incoming message as
 * one sanitised line above the prompt, and sends with the original client's short commands ({@code ->NAME:TEXT},
 * {@code m->}, {@code f->}, {@code i->}, {@code e->}, {@code quit}) plus {@code /to}, {@code /chats}, {@code /auto}
 * and {@code /help}. When auto-reply is on, the plugin chain answers messages while the console keeps working.
 */
package dev.webwxbot.launcher.chat;
