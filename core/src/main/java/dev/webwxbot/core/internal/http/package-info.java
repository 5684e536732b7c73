/**
 * The HTTP/1.1 client every session shares: one Netty event loop group, a keep-alive connection pool per origin,
 * an RFC 6265 cookie jar per session, and an {@link dev.webwxbot.core.internal.http.OriginResolver} that decides
 * which socket carries a request while the request keeps its real URL, {@code Host} header and cookie domains
 * (so a local emulator on one port can stand in for every Web WeChat host). Everything is asynchronous; no Netty
 * type or {@code ByteBuf} leaves this package.
 */
package dev.webwxbot.core.internal.http;
