package dev.webwxbot.server.account;

import com.typesafe.config.Config;
import dev.webwxbot.cluster.ClusterSettings;
import java.lang.management.ManagementFactory;
import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.Optional;

/** Reads {@code webwx-bot.cluster}: empty when {@code redis} is empty (a single daemon, as before). */
public final class ClusterConfig {

    static final String BLOCK = "webwx-bot.cluster";

    private ClusterConfig() {
    }

    /**
     * The cluster this daemon joins, if any.
     *
     * @throws IllegalArgumentException for an invalid block, naming the key (never the Redis password)
     */
    public static Optional<ClusterSettings> read(Config root) {
        Config block = root.getConfig(BLOCK);
        String redis = block.getString("redis").strip();
        if (redis.isEmpty()) return Optional.empty();
        URI uri;
        try {
            uri = new URI(redis);
        } catch (Exception e) {
            throw new IllegalArgumentException(BLOCK + ".redis is not a redis:// or rediss:// URL");
        }
        if (!"redis".equals(uri.getScheme()) && !"rediss".equals(uri.getScheme()) || uri.getHost() == null) {
            throw new IllegalArgumentException(BLOCK + ".redis is not a redis:// or rediss:// URL with a host");
        }
        String node = block.getString("node").strip();
        if (node.isEmpty()) node = defaultNode();
        Duration lease = block.getDuration("lease");
        try {
            return Optional.of(new ClusterSettings(uri, node, lease, block.getString("key-prefix")));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(BLOCK + ": " + e.getMessage(), e);
        }
    }

    /** The host name and the process id: unique on a machine, readable in {@code cluster status}. */
    private static String defaultNode() {
        String host;
        try {
            host = InetAddress.getLocalHost().getHostName();
        } catch (UnknownHostException e) {
            host = "host";
        }
        String cleaned = host.replaceAll("[^A-Za-z0-9._-]", "-");
        if (cleaned.length() > 60) cleaned = cleaned.substring(0, 60);
        return cleaned + "-" + ManagementFactory.getRuntimeMXBean().getPid();
    }
}
