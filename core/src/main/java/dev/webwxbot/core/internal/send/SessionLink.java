package dev.webwxbot.core.internal.send;

import dev.webwxbot.core.internal.protocol.Credentials;
import dev.webwxbot.core.internal.protocol.SessionCalls;

/** What an outgoing operation needs of an online session: its calls, current credentials and own UserName. */
public record SessionLink(SessionCalls calls, Credentials credentials, String selfUserName) {
}
