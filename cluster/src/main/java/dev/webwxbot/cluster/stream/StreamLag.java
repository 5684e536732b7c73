package dev.webwxbot.cluster.stream;

import io.lettuce.core.Limit;
import io.lettuce.core.Range;
import io.lettuce.core.api.sync.RedisCommands;
import java.net.URI;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;

/**
 * How far behind an account's streams are: its events no worker has finished, and its workers' calls and reports
 * its gateway has not carried out (in each stream's consumer group: the entries delivered and not acknowledged, and
 * those not delivered yet). Counted up to {@link #COUNTED} per stream; more reads as that many.
 *
 * @param account the account
 * @param events the events published and not yet finished by a worker
 * @param commands the calls and reports not yet carried out by a gateway
 */
public record StreamLag(String account, long events, long commands) {

    /** The most entries counted per stream: a status read stays cheap however long the backlog. */
    public static final int COUNTED = 10_000;

    public StreamLag {
        Objects.requireNonNull(account, "account");
    }

    /** The lag of every account the cluster knows ({@code <prefix>:accounts}), read from {@code redis}. */
    public static List<StreamLag> read(URI redis, String keyPrefix) {
        StreamKeys keys = new StreamKeys(keyPrefix);
        try (StreamLink link = new StreamLink(redis)) {
            Set<String> accounts = new TreeSet<>(link.shared().sync().smembers(keyPrefix + ":accounts"));
            return accounts.stream().map(account -> new StreamLag(account,
                    waiting(link, keys.events(account), StreamKeys.WORKERS),
                    waiting(link, keys.commands(account), StreamKeys.GATEWAYS))).toList();
        }
    }

    /** Every key the streams keep for {@code account}: what {@code cluster forget} deletes with its session state. */
    public static List<String> keys(String keyPrefix, String account) {
        StreamKeys keys = new StreamKeys(keyPrefix);
        return List.of(keys.events(account), keys.handled(account), keys.commands(account));
    }

    private static long waiting(StreamLink link, String stream, String group) {
        RedisCommands<String, String> redis = link.shared().sync();
        if (redis.exists(stream) == 0) return 0;
        Map<String, Object> read = InfoFields.of(redis.xinfoGroups(stream)).stream()
                .filter(info -> group.equals(info.get("name"))).findFirst().orElse(Map.of()); // none before a read
        long pending = read.get("pending") instanceof Long count ? count : 0;
        Object delivered = read.get("last-delivered-id");
        Range<String> notDelivered = delivered == null ? Range.create("-", "+")
                : Range.from(Range.Boundary.excluding(delivered.toString()), Range.Boundary.unbounded());
        return Math.min(COUNTED, pending + redis.xrange(stream, notDelivered, Limit.from(COUNTED)).size());
    }
}
