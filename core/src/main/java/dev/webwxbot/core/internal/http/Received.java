package dev.webwxbot.core.internal.http;

/**
 * What a per-exchange handler produced: the response as the caller will see it, its status and headers (for the cookie jar),
 * whether the connection may carry another exchange, and how many body bytes arrived (for the log). Immutable.
 */
record Received<T>(T response, int status, HttpHeaderList headers, boolean keepAlive, long bodyBytes) {}
