/** Which permanent id belongs to which session name: the core of a contact's stable {@link dev.webwxbot.api.Identity}. */
package dev.webwxbot.core.internal.identity;
