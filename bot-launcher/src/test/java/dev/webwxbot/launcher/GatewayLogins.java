package dev.webwxbot.launcher;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.webwxbot.emulator.Account;
import dev.webwxbot.testsupport.Await;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Logs every account in through the gateways, scanning only the QR codes a live gateway shows now (its API's
 * {@code qrUrl} of each account waiting for a scan), each with an emulator account not online yet.
 * {@link DaemonCluster#loginAll} scans the emulator's newest unscanned code instead, which may be one a gateway gave up
 * when it lost the account's lease mid-login (a gateway starved of CPU past its lease, as on a loaded 2-core machine):
 * that scan uses up an emulator account for a login nobody finishes. For {@code RolesFailoverSoak}; one thread.
 */
final class GatewayLogins {

    private static final ObjectMapper JSON = new ObjectMapper();
    /** How long a phone that scanned a code waits for that login before it scans another gateway's code. */
    private static final Duration RESCAN_AFTER = Duration.ofSeconds(30);

    private GatewayLogins() {
    }

    /**
     * Scans the gateways' codes until every account is ONLINE on one of them; fails after {@code timeout}. A code is
     * scanned once, and a phone that scanned one is not used again for {@link #RESCAN_AFTER}: a second scan by the
     * same phone would log its first session out ("logged in elsewhere").
     */
    static void loginAll(DaemonCluster cluster, List<String> gateways, Duration timeout) {
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
        Set<String> scanned = new HashSet<>();
        Map<Account, Long> usedAt = new HashMap<>();
        Await.until(() -> {
            for (String uuid : shownCodes(cluster, gateways, http)) {
                if (!scanned.add(uuid)) continue;
                long now = System.nanoTime();
                Optional<Account> phone = cluster.accounts().stream().filter(account -> !account.isOnline()
                        && now - usedAt.getOrDefault(account, now - RESCAN_AFTER.toNanos()) >= RESCAN_AFTER.toNanos())
                        .findFirst();
                if (phone.isEmpty()) break;
                usedAt.put(phone.get(), now);
                try {
                    phone.get().phone().scan(uuid);
                    phone.get().phone().confirm();
                } catch (IllegalStateException expiredOrTaken) {
                    usedAt.remove(phone.get()); // nothing was logged in: the phone is free again
                }
            }
            return cluster.online().size() == cluster.accounts().size();
        }, () -> "all " + cluster.accounts().size() + " accounts ONLINE: " + cluster.online() + "\n" + cluster.outputs(),
                timeout);
    }

    /** The uuids of the QR codes the live gateways show now. */
    private static List<String> shownCodes(DaemonCluster cluster, List<String> gateways, HttpClient http) {
        List<String> uuids = new ArrayList<>();
        for (String node : gateways) {
            DaemonCluster.Daemon daemon = cluster.daemons().get(node);
            if (daemon == null || !daemon.process().isAlive()) continue;
            try {
                HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:"
                                + daemon.apiPort() + "/api/v1/accounts"))
                        .header("Authorization", "Bearer " + DaemonCluster.TOKEN).timeout(Duration.ofSeconds(5)).GET()
                        .build(), HttpResponse.BodyHandlers.ofString());
                if (response.statusCode() != 200) continue;
                for (JsonNode account : JSON.readTree(response.body()).path("accounts")) {
                    String qr = account.path("qrUrl").asText("");
                    if ("WAITING_FOR_SCAN".equals(account.path("state").asText()) && qr.contains("/l/")) {
                        uuids.add(qr.substring(qr.lastIndexOf("/l/") + 3));
                    }
                }
            } catch (IOException notAnswering) {
                // starting or stopping: looked at again next round
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return uuids;
            }
        }
        return uuids;
    }
}
