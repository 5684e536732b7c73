/**
 * The core runtime as a library: {@link dev.webwxbot.core.WebWxClient} owns the shared network resources,
 * {@link dev.webwxbot.core.Session} is one logged-in account, and {@code dev.webwxbot.core.chain} runs plugin
 * handlers over its events. Everything under {@code internal} may change without notice.
 */
package dev.webwxbot.core;
