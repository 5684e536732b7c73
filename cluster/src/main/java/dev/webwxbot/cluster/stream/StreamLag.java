package dev.webwxbot.cluster.stream;

import io.lettuce.core.Limit;
import io.lettuce.core.Range;
import java.net.URI;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;

/**
 * How far behind an account's streams are: its events no worker has finished, and its workers' calls and reports
 * its gateway has not carried out (entries after each stream's mark). Counted up to {@link #COUNTED}; more reads as
 * that many.
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
                    waiting(link, keys.events(account), keys.eventsDone(account)),
                    waiting(link, keys.commands(account), keys.commandsDone(account)))).toList();
        }
    }

    /** Every key the streams keep for {@code account}: what {@code cluster forget} deletes with its session state. */
    public static List<String> keys(String keyPrefix, String account) {
        StreamKeys keys = new StreamKeys(keyPrefix);
        return List.of(keys.events(account), keys.eventsDone(account), keys.handled(account), keys.commands(account),
                keys.commandsDone(account));
    }

    private static long waiting(StreamLink link, String stream, String markKey) {
        String mark = link.shared().sync().get(markKey);
        Range<String> after = mark == null ? Range.create("-", "+")
                : Range.from(Range.Boundary.excluding(mark), Range.Boundary.unbounded());
        return link.shared().sync().xrange(stream, after, Limit.from(COUNTED)).size();
    }
}
