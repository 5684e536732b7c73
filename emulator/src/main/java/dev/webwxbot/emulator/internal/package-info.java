/**
 * The emulator's machinery: the Netty server, the host and path routing, the endpoint implementations, the wire
 * records written on the wire and the world state behind the public API. Nothing here is API; it may change freely.
 */
package dev.webwxbot.emulator.internal;
