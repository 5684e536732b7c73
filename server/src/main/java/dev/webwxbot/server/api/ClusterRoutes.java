package dev.webwxbot.server.api;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.webwxbot.cluster.Cluster;
import dev.webwxbot.cluster.ClusterException;
import dev.webwxbot.cluster.ClusterStatus;
import io.helidon.http.Method;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import java.util.List;

/**
 * {@code GET /api/v1/cluster}: the cluster this daemon is a member of (docs/cluster.md), as Redis sees it now: its
 * daemons and who holds which account. A daemon of its own answers 404 {@code NOT_A_CLUSTER}; Redis out of reach,
 * 503 {@code CLUSTER_UNAVAILABLE}.
 */
final class ClusterRoutes {

    private final ApiBackend backend;

    ClusterRoutes(ApiBackend backend) {
        this.backend = backend;
    }

    void addTo(List<ApiServer.Route> routes) {
        routes.add(new ApiServer.Route(Method.GET, ApiServer.PREFIX + "/cluster", this::cluster));
    }

    private void cluster(ServerRequest request, ServerResponse response) {
        Cluster cluster = backend.accounts().cluster().orElseThrow(() -> new ApiProblem(404, "NOT_A_CLUSTER",
                "this daemon is not a member of a cluster (no webwx-bot.cluster.redis)"));
        ClusterStatus status;
        try {
            status = cluster.status();
        } catch (ClusterException e) {
            throw new ApiProblem(503, "CLUSTER_UNAVAILABLE", e.getMessage());
        }
        ObjectNode body = Replies.JSON.createObjectNode();
        body.put("node", cluster.node());
        body.put("draining", cluster.draining());
        body.put("at", status.at().toString());
        ArrayNode nodes = body.putArray("nodes");
        for (ClusterStatus.Node node : status.nodes()) {
            nodes.addObject().put("name", node.name()).put("lastSeen", node.lastSeen().toString())
                    .put("draining", node.draining()).put("held", node.held());
        }
        ArrayNode accounts = body.putArray("accounts");
        for (ClusterStatus.AccountLease lease : status.accounts()) {
            ObjectNode account = accounts.addObject().put("account", lease.account());
            account.put("owner", lease.owner().orElse(null));
            account.put("leaseLeftMillis", lease.leaseLeft().toMillis());
            account.put("stateSavedAt", lease.stateSavedAt().map(Object::toString).orElse(null));
        }
        Replies.json(response, body);
    }
}
