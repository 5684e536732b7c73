package dev.webwxbot.server.console;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The browser the console's tests drive starts, renders a page at 1280×800 and saves its screenshot. */
class ConsoleBrowserSmokeTest {

    @Test
    void rendersAPageAndSavesItsScreenshot(@TempDir Path dir) throws Exception {
        Path page = Files.writeString(dir.resolve("page.html"), "<!doctype html><title>t</title><p id=x>hello</p>");
        try (ConsoleBrowser browser = ConsoleBrowser.start()) {
            browser.open(page.toUri().toString());
            assertEquals("hello", browser.awaitVisible("#x").getText());
            assertEquals(1280L, browser.script("return window.innerWidth"));
            assertEquals(800L, browser.script("return window.innerHeight"));
            Path shot = browser.screenshot("smoke");
            assertTrue(Files.size(shot) > 100, "screenshot " + shot + " is empty");
        }
    }
}
