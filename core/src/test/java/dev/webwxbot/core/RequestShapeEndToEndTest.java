package dev.webwxbot.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.webwxbot.emulator.Account;
import dev.webwxbot.emulator.Contact;
import dev.webwxbot.emulator.RecordedRequest;
import dev.webwxbot.testsupport.Await;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** What our client puts on the wire where the protocol reference fixes the shape (PROTOCOL.md 2.4, 3.5). */
class RequestShapeEndToEndTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration WAIT = Duration.ofSeconds(20);

    private EmulatorWorld world;

    @AfterEach
    void stop() {
        world.close();
    }

    @Test
    void loginPollCacheBusterStartsAtThePageTimeAndCountsUpByOnePerPoll() throws Exception {
        world = EmulatorWorld.start(builder -> builder.loginPollHold(Duration.ofMillis(100)));
        long before = System.currentTimeMillis();
        // The phone scans only after three polls went unanswered, so the client has polled several times.
        PhoneLogin login = new PhoneLogin(world.account) {
            @Override
            public void onLoginProgress(LoginProgress step) {
                if (step instanceof LoginProgress.QrCode qr) {
                    progress.add(step);
                    Thread.startVirtualThread(() -> {
                        awaitPolls(3);
                        account.phone().scan(qr.uuid());
                    });
                } else {
                    super.onLoginProgress(step);
                }
            }
        };
        world.logIn(SessionOptions.defaults(), login);
        long after = System.currentTimeMillis();

        List<Long> counters = polls().stream().map(r -> Long.parseLong(r.queryParam("_"))).toList();
        assertTrue(counters.size() >= 4, "polls: " + counters);
        assertTrue(counters.getFirst() >= before && counters.getFirst() <= after,
                "starts at a timestamp of the login: " + counters.getFirst());
        for (int i = 1; i < counters.size(); i++) {
            assertEquals(counters.getFirst() + i, counters.get(i), "one more per poll: " + counters);
        }
    }

    @Test
    void batchGetContactEntriesCarryChatRoomIdBesideEncryChatRoomId() throws Exception {
        world = EmulatorWorld.start();
        Account account = world.account;
        Contact alice = account.addFriend("Alice");
        Contact bob = account.addFriend("Bob");
        account.addGroup("Family", alice, bob);
        world.logIn(SessionOptions.defaults(), new PhoneLogin(account));

        RecordedRequest batch = awaitRequest("/webwxbatchgetcontact");
        JsonNode list = JSON.readTree(batch.bodyAsString()).path("List");
        assertTrue(list.size() > 0, "the group is looked up");
        for (JsonNode entry : list) {
            assertEquals(List.of("UserName", "EncryChatRoomId", "ChatRoomId"), fieldNames(entry));
            assertEquals("", entry.path("ChatRoomId").asText());
        }
    }

    private List<RecordedRequest> polls() {
        return world.emulator.recordedRequests().stream()
                .filter(r -> r.path().endsWith("/mmwebwx-bin/login")).toList();
    }

    private void awaitPolls(int count) {
        Await.until(() -> polls().size() >= count, () -> count + " login polls, got " + polls().size(), WAIT);
    }

    private RecordedRequest awaitRequest(String pathEnd) {
        return Await.value(() -> world.emulator.recordedRequests().stream().filter(r -> r.path().endsWith(pathEnd))
                .findFirst(), "a request to " + pathEnd, WAIT);
    }

    private static List<String> fieldNames(JsonNode node) {
        List<String> names = new ArrayList<>();
        node.fieldNames().forEachRemaining(names::add);
        return names;
    }
}
