package dev.webwxbot.server.api;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.webwxbot.core.chain.PluginStatus;
import java.util.List;
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
}
