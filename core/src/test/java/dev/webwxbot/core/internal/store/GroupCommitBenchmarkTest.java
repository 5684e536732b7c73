package dev.webwxbot.core.internal.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The short form of {@link GroupCommitBenchmark}: it runs and loses nothing. Times are not checked. */
class GroupCommitBenchmarkTest {

    @TempDir
    Path dir;

    @Test
    void bothWaysOfForcingKeepEveryAppendAndCountTheirForces() throws Exception {
        GroupCommitBenchmark.Result before = GroupCommitBenchmark.forcePerAppend(dir, 3, 4);
        GroupCommitBenchmark.Result after = GroupCommitBenchmark.groupCommit(dir, 3, 4);
        assertEquals(12, before.appends());
        assertEquals(12, before.forces(), "the former way forces once per append");
        assertEquals(12, after.appends());
        assertTrue(after.forces() >= 1 && after.forces() <= 12, "between one and one per append: " + after.forces());
    }
}
