/**
 * The daemon's metrics: {@link dev.webwxbot.server.metrics.BotMetrics} keeps per-account, per-plugin and (through
 * its registry) webhook meters in one Micrometer Prometheus registry, fed by core's session and chain monitors,
 * and renders them for {@code GET /metrics}.
 */
package dev.webwxbot.server.metrics;
