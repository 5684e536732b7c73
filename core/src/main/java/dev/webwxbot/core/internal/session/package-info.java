/**
 * One account's session as asynchronous steps on the shared event loop: QR login, init and contacts, then the
 * synccheck/webwxsync loop. No step holds a thread while it waits; long polls are pending futures.
 */
package dev.webwxbot.core.internal.session;
