package dev.webwxbot.server.account;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import dev.webwxbot.cluster.ClusterSettings;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** {@code webwx-bot.cluster} as the daemon reads it: absent means no cluster; mistakes are named, passwords never. */
class ClusterConfigTest {

    private static Config config(String hocon) {
        return ConfigFactory.parseString(hocon).withFallback(ConfigFactory.defaultReference()).resolve();
    }

    @Test
    void anEmptyRedisMeansNoCluster() {
        assertTrue(ClusterConfig.read(config("")).isEmpty());
        assertTrue(ClusterConfig.read(config("webwx-bot.cluster.redis = \"  \"")).isEmpty());
    }

    @Test
    void aClusterBlockGivesTheSettingsWithANodeNameEvenWhenNoneIsSet() {
        ClusterSettings named = ClusterConfig.read(config("""
                webwx-bot.cluster { redis = "redis://10.0.0.5:6379/0", node = "n1", lease = 4s, key-prefix = shop }
                """)).orElseThrow();
        assertEquals("n1", named.node());
        assertEquals(Duration.ofSeconds(4), named.lease());
        assertEquals("shop", named.keyPrefix());
        assertEquals("10.0.0.5", named.redis().getHost());

        ClusterSettings unnamed = ClusterConfig.read(config("webwx-bot.cluster.redis = \"redis://127.0.0.1\""))
                .orElseThrow();
        assertTrue(unnamed.node().endsWith("-" + ProcessHandle.current().pid()), unnamed.node());
        assertEquals(ClusterSettings.DEFAULT_LEASE, unnamed.lease());
        assertEquals(ClusterSettings.DEFAULT_PREFIX, unnamed.keyPrefix());
    }

    @Test
    void mistakesNameTheKeyAndNeverThePassword() {
        IllegalArgumentException scheme = assertThrows(IllegalArgumentException.class, () -> ClusterConfig.read(
                config("webwx-bot.cluster.redis = \"http://:hunter2@10.0.0.5:6379\"")));
        assertTrue(scheme.getMessage().startsWith("webwx-bot.cluster.redis"), scheme.getMessage());
        assertFalse(scheme.getMessage().contains("hunter2"), scheme.getMessage());

        IllegalArgumentException node = assertThrows(IllegalArgumentException.class, () -> ClusterConfig.read(
                config("webwx-bot.cluster { redis = \"redis://127.0.0.1\", node = \"n 1\" }")));
        assertTrue(node.getMessage().startsWith("webwx-bot.cluster: a node name"), node.getMessage());

        IllegalArgumentException lease = assertThrows(IllegalArgumentException.class, () -> ClusterConfig.read(
                config("webwx-bot.cluster { redis = \"redis://127.0.0.1\", lease = 100ms }")));
        assertTrue(lease.getMessage().contains("lease"), lease.getMessage());
    }
}
