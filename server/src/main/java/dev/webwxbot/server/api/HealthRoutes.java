package dev.webwxbot.server.api;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.webwxbot.core.SendState;
import dev.webwxbot.core.chain.PluginStatus;
import dev.webwxbot.server.account.Account;
import dev.webwxbot.server.metrics.AccountHealth;
import io.helidon.http.Method;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryUsage;
import java.lang.management.RuntimeMXBean;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * {@code GET /api/v1/health}: the daemon at a glance for people (the console's health page), beside the metrics
 * for Prometheus: each account's state and send governor (the rate in force, queued sends, a throttle's pause),
 * its throttles, receive errors and reconnects, and the process's memory and uptime.
 */
final class HealthRoutes {

    private final ApiBackend backend;

    HealthRoutes(ApiBackend backend) {
        this.backend = backend;
    }

    void addTo(List<ApiServer.Route> routes) {
        routes.add(new ApiServer.Route(Method.GET, ApiServer.PREFIX + "/health", this::health));
    }

    private void health(ServerRequest request, ServerResponse response) {
        ObjectNode body = Replies.JSON.createObjectNode();
        RuntimeMXBean runtime = ManagementFactory.getRuntimeMXBean();
        body.put("startedAt", Instant.ofEpochMilli(runtime.getStartTime()).toString());
        body.put("uptimeSeconds", runtime.getUptime() / 1000);
        ObjectNode memory = body.putObject("memory");
        MemoryUsage heap = ManagementFactory.getMemoryMXBean().getHeapMemoryUsage();
        memory.put("heapUsedBytes", heap.getUsed());
        memory.put("heapCommittedBytes", heap.getCommitted());
        memory.put("heapMaxBytes", heap.getMax()); // -1 when the JVM sets no limit
        memory.put("nonHeapUsedBytes", ManagementFactory.getMemoryMXBean().getNonHeapMemoryUsage().getUsed());
        ArrayNode accounts = body.putArray("accounts");
        for (Account account : backend.accounts().list()) accounts.add(account(account));
        ObjectNode plugins = body.putObject("plugins");
        List<PluginStatus> list = backend.plugins().list();
        plugins.put("total", list.size());
        plugins.put("active", list.stream().filter(p -> p.state() == PluginStatus.State.ACTIVE).count());
        plugins.put("tripped", list.stream().filter(p -> p.state() == PluginStatus.State.TRIPPED).count());
        plugins.put("waitingConversations", backend.plugins().waitingConversations());
        plugins.put("jobs", backend.plugins().jobCount());
        Replies.json(response, body);
    }

    private ObjectNode account(Account account) {
        ObjectNode node = Replies.JSON.createObjectNode();
        node.put("id", account.id());
        node.put("state", account.status().state().name());
        Optional<SendState> state = account.sendState();
        if (state.isEmpty()) {
            node.putNull("send");
        } else {
            ObjectNode send = node.putObject("send");
            send.put("rateFraction", Math.round(state.get().rateFraction() * 1000) / 1000.0);
            send.put("queued", state.get().queued());
            send.put("inFlight", state.get().inFlight());
            send.put("pausedMillis", state.get().pausedFor().toMillis());
            send.put("throttlesInARow", state.get().throttlesInARow());
        }
        AccountHealth health = backend.metrics().map(m -> m.health(account.id())).orElse(null);
        node.put("throttles", health == null ? 0 : health.throttles());
        ArrayNode recent = node.putArray("recentThrottles");
        if (health != null) health.recentThrottles().forEach(at -> recent.add(at.toString()));
        node.put("syncErrors", health == null ? 0 : health.syncErrors());
        node.put("lastSyncError", health == null ? "" : health.lastSyncError());
        nullableTime(node, "lastSyncErrorAt", health == null ? null : health.lastSyncErrorAt());
        node.put("reconnects", health == null ? 0 : health.reconnects());
        nullableTime(node, "lastReconnectAt", health == null ? null : health.lastReconnectAt());
        return node;
    }

    private static void nullableTime(ObjectNode node, String field, Instant at) {
        if (at == null) node.putNull(field); else node.put(field, at.toString());
    }
}
