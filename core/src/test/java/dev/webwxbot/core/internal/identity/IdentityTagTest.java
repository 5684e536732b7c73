package dev.webwxbot.core.internal.identity;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashSet;
import java.util.Optional;
import java.util.Set;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** The tag the bot writes into remark names: how it is written, found again and taken off. */
class IdentityTagTest {

    @Test
    void aTagFollowsTheNameAfterASpaceAndIsFoundAtTheEndOnly() {
        assertEquals("Alice #wb7k2", IdentityTag.written("Alice", "wb7k2"));
        assertEquals(Optional.of("wb7k2"), IdentityTag.of("Alice #wb7k2"));
        assertEquals(Optional.of("wb7k2"), IdentityTag.of("#wb7k2"));
        assertEquals(Optional.empty(), IdentityTag.of("Alice #wb7k2 ok"), "a tag is only at the end");
        assertEquals(Optional.empty(), IdentityTag.of("Alice#wb7k2"), "after a space");
        assertEquals(Optional.empty(), IdentityTag.of("Alice #wb7k1"), "1 is not in the alphabet: not the bot's");
        assertEquals(Optional.empty(), IdentityTag.of("Team #wbabcd"), "three characters after wb, no more");
    }

    @Test
    void withoutTagGivesTheNameBackAndLeavesOtherRemarksAlone() {
        assertEquals("Boss", IdentityTag.withoutTag("Boss #wbq9x"));
        assertEquals("", IdentityTag.withoutTag("#wbq9x"));
        assertEquals("Boss #1", IdentityTag.withoutTag("Boss #1"));
    }

    @Test
    void aLongNameIsShortenedSoTheRemarkFitsEighteenCharactersWithItsTag() {
        String remark = IdentityTag.written("Alexandra Montgomery", "wb7k2");
        assertEquals("Alexandra M #wb7k2", remark);
        assertEquals(IdentityTag.MAX_REMARK, remark.length());
        assertEquals("Hey 😀😀😀 #wb7k2", IdentityTag.written("Hey 😀😀😀😀", "wb7k2"), "never half an emoji");
    }

    @Test
    void aFreshTagIsNoneOfTheTakenOnes() {
        SplittableRandom random = new SplittableRandom(7);
        Set<String> taken = new HashSet<>();
        for (int i = 0; i < 2000; i++) {
            String tag = IdentityTag.fresh(random, taken);
            assertTrue(IdentityTag.of("x #" + tag).isPresent(), tag);
            assertTrue(taken.add(tag), "drawn twice: " + tag);
        }
    }
}
