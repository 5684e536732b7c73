package dev.webwxbot.cluster;

import dev.webwxbot.core.SessionStateStorage;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.BiConsumer;

/**
 * A daemon's stand-in: it "runs" an account between acquired and released, saves a snapshot naming itself when it
 * starts one and remembers the snapshot it found. Owners of one test share a {@link World}, so that an account run
 * by two nodes at once is caught wherever it happens.
 */
final class RecordingOwner implements AccountOwner {

    record Event(String account, String what) {
    }

    /** What the owners of one test share: who runs what, who finished starting what, what went wrong. */
    record World(Map<String, String> running, Map<String, String> started, List<String> violations) {
        World() {
            this(new ConcurrentHashMap<>(), new ConcurrentHashMap<>(), new CopyOnWriteArrayList<>());
        }
    }

    private final String node;
    private final Map<String, String> running;
    private final Map<String, String> started;
    private final List<String> violations;
    final List<Event> events = new CopyOnWriteArrayList<>();
    final Map<String, Optional<String>> foundSnapshots = new ConcurrentHashMap<>();
    final Map<String, SessionStateStorage> storages = new ConcurrentHashMap<>();
    volatile BiConsumer<String, Release> onReleased = (account, why) -> { };

    RecordingOwner(String node, World world) {
        this.node = node;
        this.running = world.running();
        this.started = world.started();
        this.violations = world.violations();
    }

    @Override
    public void acquired(String account, SessionStateStorage storage) {
        String other = running.putIfAbsent(account, node);
        if (other != null) violations.add(account + " acquired by " + node + " while " + other + " runs it");
        foundSnapshots.put(account, storage.loadSnapshot());
        storage.saveSnapshot("{\"by\":\"" + node + "\"}");
        storages.put(account, storage);
        events.add(new Event(account, "acquired"));
        started.put(account, node);
    }

    @Override
    public void released(String account, Release why) {
        started.remove(account, node);
        onReleased.accept(account, why);
        if (!running.remove(account, node)) violations.add(account + " released by " + node + " which did not run it");
        events.add(new Event(account, why.name()));
    }

    List<String> accounts(String what) {
        return events.stream().filter(e -> e.what().equals(what)).map(Event::account).sorted().toList();
    }
}
