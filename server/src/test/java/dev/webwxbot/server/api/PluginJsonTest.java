package dev.webwxbot.server.api;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.webwxbot.core.chain.JobStatus;
import dev.webwxbot.core.chain.PluginStatus;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The HTTP API's plugin object carries what plugins list shows, the warning of a plugin that runs included. */
class PluginJsonTest {

    @Test
    void aRunningPluginsWarningIsInItsObjectAndTheObjectMatchesTheContract() {
        PluginStatus status = new PluginStatus("auto-reply", "0.1.0", PluginStatus.State.ACTIVE, "", 1, 4, 0, 0,
                "running previous rules: auto-reply.conf:3: plugins.auto-reply.chat-cooldown: No number in duration");
        String json = ApiJson.plugin(status).toString();
        assertEquals("running previous rules: auto-reply.conf:3: plugins.auto-reply.chat-cooldown: No number in"
                + " duration", ApiJson.plugin(status).path("warning").asText());
        assertEquals(List.of(), OpenApiDocument.load().validate("GET", "/api/v1/plugins", 200, "application/json",
                "{\"plugins\":[" + json + "]}"));
    }

    @Test
    void aPluginsJobsAreListedWithTheirNextRunAndMatchTheContract() {
        PluginStatus status = new PluginStatus("digest", "1.0", PluginStatus.State.ACTIVE, "", 1, 0, 0, 0, "",
                List.of(new JobStatus("morning", "work", "cron \"0 9 * * *\" Asia/Shanghai",
                        Optional.of(Instant.parse("2026-01-06T01:00:00Z"))),
                        new JobStatus("poll", "", "PT5M after each run", Optional.empty())));
        var json = ApiJson.plugin(status);
        assertEquals("2026-01-06T01:00:00Z", json.path("jobs").path(0).path("nextRun").asText());
        assertEquals("work", json.path("jobs").path(0).path("account").asText());
        assertEquals(false, json.path("jobs").path(1).has("nextRun"));
        assertEquals(List.of(), OpenApiDocument.load().validate("GET", "/api/v1/plugins", 200, "application/json",
                "{\"plugins\":[" + json + "]}"));
    }
}
