/**
 * Webhooks: every bot event a target asks for is written to a per-target journal on disk before
 * {@link dev.webwxbot.server.webhook.Webhooks#publish} returns, then POSTed to the target as signed JSON, one at a
 * time and in order, retried with backoff until a 2xx or its max age (at-least-once; receivers dedupe by the
 * {@code X-Webwx-Delivery} header). See {@code docs/webhooks.md}.
 */
package dev.webwxbot.server.webhook;
