package dev.webwxbot.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class RendezvousTest {

    @Test
    void everyNodeGetsAShareOfTheAccounts() {
        Map<String, Integer> counts = new HashMap<>();
        for (int i = 0; i < 300; i++) {
            counts.merge(Rendezvous.preferred("account-" + i, List.of("n1", "n2", "n3")).orElseThrow(), 1, Integer::sum);
        }
        assertEquals(3, counts.size());
        counts.values().forEach(count -> assertTrue(count > 60, () -> "uneven: " + counts));
    }

    @Test
    void theChoiceDoesNotDependOnTheOrderOfTheNodes() {
        for (int i = 0; i < 50; i++) {
            assertEquals(Rendezvous.preferred("a" + i, List.of("n1", "n2", "n3")),
                    Rendezvous.preferred("a" + i, List.of("n3", "n1", "n2")));
        }
    }

    @Test
    void aNodeLeavingMovesOnlyItsOwnAccounts() {
        for (int i = 0; i < 200; i++) {
            String before = Rendezvous.preferred("a" + i, List.of("n1", "n2", "n3")).orElseThrow();
            String after = Rendezvous.preferred("a" + i, List.of("n1", "n2")).orElseThrow();
            if (!before.equals("n3")) assertEquals(before, after, "account a" + i);
        }
    }

    @Test
    void noNodesNoPreference() {
        assertEquals(Optional.empty(), Rendezvous.preferred("a", List.of()));
    }
}
