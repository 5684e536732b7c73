package dev.webwxbot.launcher;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * Who holds each account's leases, read straight from the cluster's Redis as {@code cluster status} would: a
 * gateway's session lease ({@code webwx:lease:{a01}}) and a worker's processing lease ({@code webwx:work:lease:{a01}}),
 * whose values are {@code "<node> <token>"}. A bare RESP client over a socket (one MGET per look), so that the test
 * needs no Redis library and no JVM start per look. For {@code RolesFailoverSoak}; one thread.
 */
final class LeaseProbe {

    private final URI redis;

    LeaseProbe(URI redis) {
        this.redis = redis;
    }

    /** Each account's session holder (a gateway), by account; accounts no gateway holds are absent. */
    Map<String, String> gateways(List<String> accounts) {
        return holders("webwx:lease:", accounts);
    }

    /** Each account's processing holder (a worker), by account; accounts no worker holds are absent. */
    Map<String, String> workers(List<String> accounts) {
        return holders("webwx:work:lease:", accounts);
    }

    /** Whether {@code worker} has a live heartbeat among the workers (it has joined and not ended). */
    boolean workerAlive(String worker) {
        return mget(List.of("webwx:work:node:" + worker)).getFirst().isPresent();
    }

    /** Account lists by holder, for the summary and to pick the busiest. */
    static Map<String, List<String>> byHolder(Map<String, String> holders) {
        Map<String, List<String>> by = new TreeMap<>();
        holders.forEach((account, node) -> by.computeIfAbsent(node, n -> new ArrayList<>()).add(account));
        return by;
    }

    private Map<String, String> holders(String prefix, List<String> accounts) {
        List<String> keys = accounts.stream().map(account -> prefix + "{" + account + "}").toList();
        List<Optional<String>> values = mget(keys);
        Map<String, String> holders = new TreeMap<>();
        for (int i = 0; i < accounts.size(); i++) {
            int index = i;
            values.get(i).ifPresent(value -> holders.put(accounts.get(index), value.split(" ", 2)[0]));
        }
        return holders;
    }

    private List<Optional<String>> mget(List<String> keys) {
        try (Socket socket = new Socket(redis.getHost(), redis.getPort())) {
            socket.setSoTimeout(5_000);
            StringBuilder command = new StringBuilder("*").append(keys.size() + 1).append("\r\n$4\r\nMGET\r\n");
            for (String key : keys) {
                command.append('$').append(key.getBytes(StandardCharsets.UTF_8).length).append("\r\n").append(key)
                        .append("\r\n");
            }
            OutputStream out = socket.getOutputStream();
            out.write(command.toString().getBytes(StandardCharsets.UTF_8));
            out.flush();
            InputStream in = new BufferedInputStream(socket.getInputStream());
            String header = line(in);
            if (!header.startsWith("*")) throw new IOException("MGET answered " + header);
            int count = Integer.parseInt(header.substring(1));
            List<Optional<String>> values = new ArrayList<>(count);
            for (int i = 0; i < count; i++) {
                String size = line(in);
                int length = Integer.parseInt(size.substring(1));
                if (length < 0) {
                    values.add(Optional.empty());
                    continue;
                }
                byte[] value = in.readNBytes(length + 2); // the value and its CRLF
                values.add(Optional.of(new String(value, 0, length, StandardCharsets.UTF_8)));
            }
            return values;
        } catch (IOException e) {
            throw new UncheckedIOException("reading leases from " + redis, e);
        }
    }

    private static String line(InputStream in) throws IOException {
        StringBuilder line = new StringBuilder();
        int c;
        while ((c = in.read()) != '\r') {
            if (c < 0) throw new IOException("Redis closed the connection");
            line.append((char) c);
        }
        in.read(); // '\n'
        return line.toString();
    }
}
