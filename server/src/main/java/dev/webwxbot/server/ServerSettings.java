package dev.webwxbot.server;

import java.net.URI;
import java.nio.file.Path;
import java.util.Objects;
import java.util.Optional;

/**
 * Where the daemon lives and whom it talks to: what the command line may override of the configuration. Immutable.
 *
 * @param server where to send every WeChat request instead of the real hosts; empty for the real servers
 * @param dataDir the data folder: accounts' sessions, logs, the API token, the webhook queues
 * @param pluginsDir where plugin jars are loaded from
 * @param record where to record every HTTP exchange of every account ({@code run --record}); empty: nothing
 * @param role what the daemon does in a cluster ({@code run --role}); {@link DaemonRole#BOTH} without one
 */
public record ServerSettings(Optional<URI> server, Path dataDir, Path pluginsDir, Optional<Path> record, DaemonRole role) {
    public ServerSettings {
        Objects.requireNonNull(server, "server");
        Objects.requireNonNull(dataDir, "dataDir");
        Objects.requireNonNull(pluginsDir, "pluginsDir");
        Objects.requireNonNull(record, "record");
        Objects.requireNonNull(role, "role");
    }

    /** Sessions and plugins in this process. */
    public ServerSettings(Optional<URI> server, Path dataDir, Path pluginsDir, Optional<Path> record) {
        this(server, dataDir, pluginsDir, record, DaemonRole.BOTH);
    }

    /** Without a recording. */
    public ServerSettings(Optional<URI> server, Path dataDir, Path pluginsDir) {
        this(server, dataDir, pluginsDir, Optional.empty());
    }
}
