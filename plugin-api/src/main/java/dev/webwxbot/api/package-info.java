/**
 * The contract between webwx-bot and its plugins: the {@link dev.webwxbot.api.MessageHandler} extension point a
 * plugin implements, the {@link dev.webwxbot.api.HandlerContext} and narrow {@link dev.webwxbot.api.Bot} API it is
 * handed, and the contact and receipt values they exchange. Events live in {@code dev.webwxbot.api.event}.
 *
 * <p>This package depends on nothing but the JDK and PF4J's {@code ExtensionPoint} marker, so a plugin compiled
 * against one version keeps working as the core changes underneath it.
 */
package dev.webwxbot.api;
