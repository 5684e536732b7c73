package dev.webwxbot.core.chain;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.webwxbot.api.Contact;
import dev.webwxbot.api.ContactKind;
import dev.webwxbot.api.Role;
import dev.webwxbot.api.event.Envelope;
import dev.webwxbot.api.event.TextMessage;
import dev.webwxbot.api.schedule.Job;
import dev.webwxbot.api.schedule.JobHandle;
import dev.webwxbot.api.schedule.JobSpec;
import dev.webwxbot.api.schedule.Jobs;
import dev.webwxbot.api.schedule.Schedule;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;

class HandlerJobsAccountTest {

    /** The plugin's jobs as the host would keep them: here only what was asked for. */
    private final List<JobSpec> scheduled = new CopyOnWriteArrayList<>();
    private final Jobs pluginJobs = new Jobs() {
        @Override
        public JobHandle schedule(JobSpec spec, Job job) {
            scheduled.add(spec);
            return new JobHandle() {
                @Override
                public JobSpec spec() {
                    return spec;
                }

                @Override
                public Optional<Instant> nextRun() {
                    return Optional.empty();
                }

                @Override
                public void cancel() {
                }

                @Override
                public boolean cancelled() {
                    return false;
                }
            };
        }

        @Override
        public List<JobHandle> list() {
            return List.of();
        }
    };

    @Test
    void aJobAHandlerSchedulesWithoutAnAccountIsForTheAccountItsEventCameInOn() {
        ChainContext context = context("shop");
        context.jobs().after("remind", Duration.ofMinutes(10), run -> { });
        assertEquals(Optional.of("shop"), scheduled.getFirst().account());
    }

    @Test
    void aJobThatNamesItsAccountKeepsIt() {
        ChainContext context = context("shop");
        context.jobs().schedule(JobSpec.of("report", Schedule.after(Duration.ofHours(1))).forAccount("office"),
                run -> { });
        assertEquals(Optional.of("office"), scheduled.getFirst().account());
    }

    private ChainContext context(String account) {
        Contact alice = new Contact("@alice", "Alice", "", "", ContactKind.FRIEND, "");
        TextMessage event = new TextMessage(new Envelope("1", alice, alice, Instant.EPOCH, false, false), "/remind");
        return new ChainContext("remind", event, new RecordingBot(new CopyOnWriteArrayList<>()), account, null,
                pluginJobs, person -> Role.ANYONE);
    }
}
