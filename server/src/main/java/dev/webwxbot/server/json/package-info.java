/**
 * Bot events as JSON with stable field names: the one shape that webhooks post and the HTTP API answers with, so a
 * receiver written against one understands the other. See {@link dev.webwxbot.server.json.EventJson}.
 */
package dev.webwxbot.server.json;
