package dev.webwxbot.launcher.docs;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * The repository's documentation holds together: every relative link of README.md, BENCHMARKS.md and docs/ (and
 * any other Markdown file of the repository) leads to a file that exists and, with a {@code #anchor}, to a heading
 * of that file; and every guide can be reached from the README. It lives in bot-launcher, the module of the
 * {@code webwx-bot} command and of the distribution the guides describe, and needs nothing but the JDK.
 */
class DocumentationLinksTest {

    /** Surefire runs in the module's folder; the repository is its parent. */
    private static final Path ROOT = Path.of("..").toAbsolutePath().normalize();

    /** Folders of guide text waiting to be moved into place (links written for where it will land). */
    private static final Set<Path> STAGING = Set.of();

    private final RelativeLinks links = new RelativeLinks(ROOT);

    @Test
    void everyRelativeLinkLeadsToAFileAndAHeadingThatExist() {
        List<Path> files = links.markdownFiles(STAGING);
        assertTrue(files.containsAll(List.of(ROOT.resolve("README.md"), ROOT.resolve("BENCHMARKS.md"),
                ROOT.resolve("docs/README.md"))), "the test reads the repository's Markdown from " + ROOT);
        List<String> problems = links.problems(files);
        assertTrue(problems.isEmpty(), () -> problems.size() + " broken link(s):\n" + String.join("\n", problems));
    }

    @Test
    void everyGuideCanBeReachedFromTheReadme() {
        Set<Path> reachable = links.reachableFrom(ROOT.resolve("README.md"));
        List<Path> stranded = links.markdownFiles(STAGING).stream()
                .filter(file -> file.startsWith(ROOT.resolve("docs")) || file.equals(ROOT.resolve("BENCHMARKS.md")))
                .filter(file -> !reachable.contains(file))
                .map(ROOT::relativize)
                .toList();
        assertTrue(stranded.isEmpty(), () -> "no chain of links from README.md leads to " + stranded);
    }
}
