package dev.webwxbot.testkit;

/** Listed in the test extension index beside a handler: an extension of another kind, which the kit leaves out. */
public final class NotAHandler {
}
