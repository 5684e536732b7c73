package dev.webwxbot.launcher.docs;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;

class MarkdownFileTest {

    @Test
    void anchorsFollowGitHubsSlugRules() {
        assertEquals("chatting-from-the-terminal-webwx-bot-chat",
                MarkdownFile.slug("Chatting from the terminal: `webwx-bot chat`"));
        assertEquals("several-accounts-the-http-api-webhooks-and-metrics",
                MarkdownFile.slug("Several accounts, the HTTP API, webhooks and metrics"));
        assertEquals("using-core-as-a-library", MarkdownFile.slug("Using `core` as a library"));
        assertEquals("starting-a-project-webwx-bot-new-plugin",
                MarkdownFile.slug("Starting a project: `webwx-bot new-plugin`"));
        assertEquals("the-guide-and-its-notes", MarkdownFile.slug("The [guide](docs/README.md) and *its* notes"));
        assertEquals("网页版微信-login_flow", MarkdownFile.slug("网页版微信 login_flow"));
        assertEquals("hello--world", MarkdownFile.slug("Hello 👋 world"));
        assertEquals("a--b", MarkdownFile.slug("a — b"));
    }

    @Test
    void repeatedHeadingsAreNumberedFromOne() {
        var file = MarkdownFile.parse("""
                # Notes
                ## Notes
                ### Notes-1
                ## Notes ##
                """);
        assertEquals(List.of("notes", "notes-1", "notes-1-1", "notes-2"), List.copyOf(file.anchors()));
    }

    @Test
    void headingsAndLinksInsideCodeAreNotRead() {
        var file = MarkdownFile.parse("""
                # Title
                ```hocon
                # a comment, not a heading: [no](missing.md)
                ```
                Text with `[code](missing.md)` and ``a ` [tick](missing.md)`` but [this](real.md).
                ~~~~
                [fenced](missing.md)
                ~~~~
                """);
        assertEquals(List.of("title"), List.copyOf(file.anchors()));
        assertEquals(List.of(new MarkdownFile.Link(5, "real.md")), file.links());
    }

    @Test
    void linksAreFoundInEveryFormWithTheLineTheyStartOn() {
        var file = MarkdownFile.parse("""
                See [the operators'
                guide](docs/operators.md#send-limits), ![a picture](img/qr.png "QR"), [space](<a b.md>),
                an unmatched ` backtick, [after it](after.md)

                [ref]: docs/rules.md
                <a href="docs/api.md#routes">API</a> and https://example.com/not-a-link
                """);
        assertEquals(List.of(
                new MarkdownFile.Link(1, "docs/operators.md#send-limits"),
                new MarkdownFile.Link(2, "img/qr.png"),
                new MarkdownFile.Link(2, "a b.md"),
                new MarkdownFile.Link(3, "after.md"),
                new MarkdownFile.Link(5, "docs/rules.md"),
                new MarkdownFile.Link(6, "docs/api.md#routes")), file.links());
    }
}
