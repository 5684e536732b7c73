package dev.webwxbot.core.internal.session;

import dev.webwxbot.core.internal.contact.ContactBook;
import dev.webwxbot.core.internal.protocol.SessionCalls;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Loads groups and their member lists with webwxbatchgetcontact, 50 names a call, one call after another. Groups
 * reach a session without members (webwxgetcontact) or not at all (unsaved groups are learnt from init's ChatSet
 * and from messages), so every group is fetched once on first sight. A failed batch is logged and skipped: the
 * messages still go on, with senders named by id only. Thread-safe.
 */
final class GroupFetcher {

    private static final Logger log = LoggerFactory.getLogger(GroupFetcher.class);

    private final SessionCalls calls;
    private final Supplier<SessionState> state;
    private final ContactBook contacts;
    /** Asked for once already: a group the server does not return must not cost a call per message. */
    private final Set<String> attempted = ConcurrentHashMap.newKeySet();

    GroupFetcher(SessionCalls calls, Supplier<SessionState> state, ContactBook contacts) {
        this.calls = calls;
        this.state = state;
        this.contacts = contacts;
    }

    /** Fetches the groups among {@code userNames} whose members are not yet known. */
    CompletableFuture<Void> fetchUnknown(Collection<String> userNames) {
        return fetch(userNames, false);
    }

    /**
     * Fetches every group among {@code userNames}, known members or not: webwxinit's member lists often lack
     * nicknames (ItChat refetches them for the same reason).
     */
    CompletableFuture<Void> fetchAll(Collection<String> userNames) {
        return fetch(userNames, true);
    }

    private CompletableFuture<Void> fetch(Collection<String> userNames, boolean evenIfKnown) {
        Set<String> wanted = new LinkedHashSet<>();
        for (String userName : userNames) {
            boolean needed = evenIfKnown || !contacts.knowsMembersOf(userName);
            if (userName.startsWith("@@") && needed && attempted.add(userName)) wanted.add(userName);
        }
        List<String> pending = new ArrayList<>(wanted);
        return fetchFrom(pending, 0);
    }

    private CompletableFuture<Void> fetchFrom(List<String> names, int start) {
        if (start >= names.size()) return CompletableFuture.completedFuture(null);
        List<String> batch = names.subList(start, Math.min(names.size(), start + SessionCalls.BATCH_LIMIT));
        return calls.batchGetContact(state.get().credentials(), List.copyOf(batch))
                .thenAccept(found -> found.forEach(contacts::put))
                .exceptionally(failure -> {
                    log.warn("fetching {} groups failed ({}); their senders stay unnamed for now", batch.size(),
                            Failures.describe(failure));
                    return null;
                })
                .thenCompose(ignored -> fetchFrom(names, start + SessionCalls.BATCH_LIMIT));
    }
}
