package dev.webwxbot.core.internal.http;

/** A response copied out of Netty's buffers, and whether the connection may carry another exchange. Immutable. */
record ReceivedResponse(HttpResponse response, boolean keepAlive) {}
