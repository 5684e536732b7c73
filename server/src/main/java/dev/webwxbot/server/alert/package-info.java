/**
 * Alerts: each safety event of an account logged once in plain words and sent to its owner through the configured
 * channels (the file helper, email), rate-limited per kind and chat; a channel that fails is logged once and never
 * breaks the session. Webhooks get the events through the ordinary event path.
 */
package dev.webwxbot.server.alert;
