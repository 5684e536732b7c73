package dev.webwxbot.launcher.docs;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RelativeLinksTest {

    @TempDir
    Path root;

    @Test
    void reportsEachBrokenLinkWithItsFileLineAndCause() throws IOException {
        write("README.md", """
                # Project
                [guide](docs/guide.md#send-limits) [gone](docs/gone.md) [renamed](docs/guide.md#send-limit)
                [self](#project) [missing here](#nothing) [outside](../elsewhere.md) [code](src/Main.java#L3)
                [web](https://example.com/x.md#y) [folder](docs) [source](src/Main.java)
                """);
        write("docs/guide.md", """
                # Guide
                ## Send limits
                Back to the [start](../README.md#project).
                """);
        write("src/Main.java", "class Main {}\n");
        RelativeLinks links = new RelativeLinks(root);

        assertEquals(List.of(
                "README.md:2: docs/gone.md: no such file",
                "README.md:2: docs/guide.md#send-limit: no heading with this anchor in docs/guide.md"
                        + " (did you mean #send-limits?)",
                "README.md:3: #nothing: no heading with this anchor in README.md",
                "README.md:3: ../elsewhere.md: points outside the repository",
                "README.md:3: src/Main.java#L3: an anchor into something that is not a Markdown file"),
                links.problems(links.markdownFiles(Set.of())));
    }

    @Test
    void findsMarkdownOutsideBuildOutputHiddenAndExcludedFolders() throws IOException {
        for (String file : List.of("README.md", "docs/a.md", "docs/_incoming/b.md", "x/target/c.md",
                "x/node_modules/d.md", ".github/e.md", "docs/notes/f.md")) {
            write(file, "# " + file + "\n");
        }
        RelativeLinks links = new RelativeLinks(root);

        assertEquals(List.of(root.resolve("README.md"), root.resolve("docs/a.md"), root.resolve("docs/notes/f.md")),
                links.markdownFiles(Set.of(Path.of("docs", "_incoming"))));
    }

    @Test
    void followsLinksFromFileToFileToFindWhatIsReachable() throws IOException {
        write("README.md", "[guides](docs/README.md#top) [self](#x)\n");
        write("docs/README.md", "# Top\n[a](a.md) [code](../src/Main.java)\n");
        write("docs/a.md", "[back](README.md)\n");
        write("docs/stranded.md", "[readme](../README.md)\n");
        write("src/Main.java", "class Main {}\n");

        assertEquals(Set.of(root.resolve("README.md"), root.resolve("docs/README.md"), root.resolve("docs/a.md")),
                new RelativeLinks(root).reachableFrom(root.resolve("README.md")));
    }

    private void write(String file, String text) throws IOException {
        Path path = root.resolve(file);
        Files.createDirectories(path.getParent());
        Files.writeString(path, text);
    }
}
