/**
 * The Web WeChat protocol as calls: one method per endpoint, building the exact request the official web client
 * sends (paths, parameter names, JSON capitalisation, headers) and reading the answer tolerantly. No session
 * logic lives here; {@code internal.session} decides when to call what.
 */
package dev.webwxbot.core.internal.protocol;
