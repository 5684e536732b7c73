/** The daemon: many accounts in one process, the HTTP API, webhooks and metrics. */
package dev.webwxbot.server;
