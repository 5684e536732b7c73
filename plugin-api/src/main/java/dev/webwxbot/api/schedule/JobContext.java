package dev.webwxbot.api.schedule;

import dev.webwxbot.api.Bot;
import java.time.Instant;
import java.util.Optional;

/** What one run of a job sees. */
public interface JobContext {

    /** The job's name. */
    String name();

    /** The time this run was due (for a missed run caught up at start, the missed time). */
    Instant scheduledFor();

    /**
     * The bot to act through: the job's account when it is logged in; for a job without an account, the only account
     * logged in. Empty when that account is offline (or, without an account, when none or several are online).
     */
    Optional<Bot> bot();
}
