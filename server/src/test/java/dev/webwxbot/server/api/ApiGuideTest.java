package dev.webwxbot.server.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** docs/api.md shows answers the OpenAPI document allows, so the guide cannot drift from the API unnoticed. */
class ApiGuideTest {

    private static final Path GUIDE = Path.of("../docs/api.md");
    private static final Pattern JSON_BLOCK = Pattern.compile("```json\\n(.*?)```", Pattern.DOTALL);
    /** Every answer the guide may show; one of them must accept each JSON example. */
    private static final List<String> ANSWERS = List.of("AccountList", "Account", "ContactList", "Contact", "MemberList",
            "Receipt", "Revoked", "StoredMessageList", "PluginList", "Plugin", "TraceList", "Problem", "NewAccount", "TextMessageRequest",
            "LoginGuard", "Trace", "PluginConfig", "Health", "Cluster");

    @Test
    void everyJsonExampleOfTheGuideConformsToASchema() throws IOException {
        OpenApiDocument document = OpenApiDocument.load();
        Matcher block = JSON_BLOCK.matcher(Files.readString(GUIDE));
        List<String> strays = new ArrayList<>();
        int examples = 0;
        while (block.find()) {
            examples++;
            String json = block.group(1);
            if (ANSWERS.stream().noneMatch(schema -> document.validateSchema(schema, json).isEmpty())) {
                strays.add(json.strip() + "\n  as Account: " + document.validateSchema("Account", json));
            }
        }
        assertEquals(List.of(), strays, "examples no schema accepts");
        assertTrue(examples >= 15, "found only " + examples + " JSON examples in " + GUIDE.toAbsolutePath());
    }

    @Test
    void theGuideNamesEveryRouteOfTheDocument() throws IOException {
        String guide = Files.readString(GUIDE);
        List<String> missing = OpenApiDocument.load().operations().stream()
                .filter(op -> !guide.contains("`" + op + "`") && !guide.contains("`" + op + "?")).toList();
        assertEquals(List.of(), missing);
    }
}
