package dev.webwxbot.testsupport;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;

import ch.qos.logback.classic.Level;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.platform.launcher.core.LauncherDiscoveryRequestBuilder;
import org.junit.platform.launcher.core.LauncherFactory;
import org.junit.platform.launcher.listeners.SummaryGeneratingListener;
import org.junit.platform.launcher.listeners.TestExecutionSummary;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Runs small sample classes through JUnit's launcher (as surefire does) and checks what the guard made of them. */
class LogGuardTest {
    private static final Logger LOG = LoggerFactory.getLogger("sample.code.under.test");

    private static TestExecutionSummary run(Class<?> sample) {
        SummaryGeneratingListener listener = new SummaryGeneratingListener();
        LauncherFactory.create().execute(LauncherDiscoveryRequestBuilder.request().selectors(selectClass(sample))
                .configurationParameters(Map.of("junit.jupiter.extensions.autodetection.enabled", "true",
                        "webwx.test.logGuard", "fail")) // whatever a survey of the outer run asked for
                .build(), listener);
        return listener.getSummary();
    }

    private static List<String> failures(TestExecutionSummary summary) {
        return summary.getFailures().stream().map(f -> f.getException().getMessage()).toList();
    }

    static class Quiet {
        @Test
        void logsOnlyInfo() {
            LOG.info("all is well");
        }
    }

    @Test
    void aTestLoggingNoWarningPasses() {
        TestExecutionSummary summary = run(Quiet.class);
        assertEquals(1, summary.getTestsSucceededCount());
        assertEquals(List.of(), failures(summary));
    }

    static class Unasserted {
        @Test
        void logsAWarningNobodyExpects() {
            LOG.warn("disk almost full: {}", "/data");
        }

        @Test
        void logsAnErrorFromAnotherThread() throws InterruptedException {
            Thread.ofVirtual().start(() -> LOG.error("worker died", new IllegalStateException("boom"))).join();
        }
    }

    @Test
    void aWarningOrErrorNoTestAssertedFailsTheTestThatLoggedItNamingTheLine() {
        TestExecutionSummary summary = run(Unasserted.class);
        assertEquals(2, summary.getTestsFailedCount());
        List<String> failures = failures(summary);
        assertTrue(failures.stream().anyMatch(m -> m.startsWith("1 WARN/ERROR line(s) logged by this test and not "
                + "asserted") && m.contains("WARN sample.code.under.test [main] - disk almost full: /data")), failures.toString());
        assertTrue(failures.stream().anyMatch(m -> m.contains("ERROR sample.code.under.test")
                && m.contains("worker died (java.lang.IllegalStateException: boom)")), failures.toString());
    }

    static class CapturedAndRead {
        @Test
        void assertsTheWarningItProvokes() {
            try (CapturedLogs logs = CapturedLogs.attach()) {
                LOG.warn("plugin echo failed: boom");
                assertEquals(List.of("plugin echo failed: boom"), logs.at(Level.WARN));
            }
        }

        @Test
        void readsBackAfterClosing() {
            CapturedLogs logs = CapturedLogs.attach();
            LOG.error("store cannot be opened");
            logs.close();
            assertEquals(List.of("store cannot be opened"), logs.atLeast(Level.WARN));
        }
    }

    @Test
    void aWarningCapturedAndReadBackPasses() {
        TestExecutionSummary summary = run(CapturedAndRead.class);
        assertEquals(List.of(), failures(summary));
        assertEquals(2, summary.getTestsSucceededCount());
    }

    static class Declared {
        @Test
        void declaresTheLinesItProvokesUpFront() {
            try (CapturedLogs logs = CapturedLogs.attach()
                    .expect(Level.WARN, "plugin '\\w+' failed: .*")
                    .allow(Level.WARN, "synccheck failed; retry \\d")) {
                LOG.warn("plugin 'echo' failed: boom\nsecond line");
                Thread.ofVirtual().start(() -> LOG.warn("plugin 'auto' failed: bang")).join();
            } catch (InterruptedException e) {
                throw new AssertionError(e);
            }
        }

        @Test
        void expectsALineThatNeverComes() {
            try (CapturedLogs logs = CapturedLogs.attach().expect(Level.ERROR, "store cannot be opened")) {
                LOG.warn("store is slow");
            }
        }
    }

    @Test
    void linesDeclaredWithExpectOrAllowCountAsAssertedAndAnExpectedLineThatNeverCameFails() {
        TestExecutionSummary summary = run(Declared.class);
        assertEquals(1, summary.getTestsSucceededCount(), failures(summary).toString());
        List<String> failures = failures(summary);
        assertEquals(1, failures.size(), failures.toString());
        assertTrue(failures.getFirst().startsWith("expected log line(s) not logged: [ERROR store cannot be opened]; "
                + "the WARN/ERROR lines were:\n  WARN sample.code.under.test [main] - store is slow"), failures.getFirst());
    }

    static class CapturedButUnread {
        @Test
        void capturesButReadsOnlyInfo() {
            try (CapturedLogs logs = CapturedLogs.attach()) {
                LOG.info("started");
                LOG.warn("slow start");
                assertEquals(List.of("started"), logs.at(Level.INFO));
                assertTrue(logs.all().contains("slow start"));
            }
        }
    }

    @Test
    void aWarningCapturedButNeverReadBackFailsTheTest() {
        List<String> failures = failures(run(CapturedButUnread.class));
        assertEquals(1, failures.size(), failures.toString());
        assertTrue(failures.getFirst().contains("WARN sample.code.under.test [main] - slow start"), failures.getFirst());
    }

    static class LogsInAfterAll {
        @Test
        void quiet() {
        }

        @AfterAll
        static void shutDown() {
            LOG.warn("late warning while shutting down");
        }
    }

    @Test
    void aLineLoggedOutsideAnyTestFailsTheClass() {
        TestExecutionSummary summary = run(LogsInAfterAll.class);
        assertEquals(1, summary.getTestsSucceededCount());
        List<String> failures = failures(summary);
        assertEquals(1, failures.size(), failures.toString());
        assertTrue(failures.getFirst().contains("logged outside this class's tests")
                && failures.getFirst().contains("late warning while shutting down"), failures.getFirst());
    }
}
