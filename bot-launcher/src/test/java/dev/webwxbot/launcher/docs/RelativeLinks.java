package dev.webwxbot.launcher.docs;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/** Checks the relative links between the Markdown files of a folder tree, as a reader on GitHub follows them. */
final class RelativeLinks {

    private static final Pattern SCHEME = Pattern.compile("^[A-Za-z][A-Za-z0-9+.-]*:");
    private static final Set<String> SKIPPED_FOLDERS = Set.of("target", "node_modules");

    private final Path root;
    private final Map<Path, MarkdownFile> parsed = new HashMap<>();

    /** @param root the repository: links may not leave it, since GitHub shows nothing outside it */
    RelativeLinks(Path root) {
        this.root = root.toAbsolutePath().normalize();
    }

    /**
     * The Markdown files under the root, skipping build output, installed packages, hidden folders and the given
     * folders (relative to the root), without descending into any of them.
     */
    List<Path> markdownFiles(Set<Path> excluded) {
        Set<Path> skipped = new HashSet<>();
        excluded.forEach(folder -> skipped.add(root.resolve(folder).normalize()));
        List<Path> found = new ArrayList<>();
        try {
            Files.walkFileTree(root, new SimpleFileVisitor<>() {
                @Override
                public FileVisitResult preVisitDirectory(Path folder, BasicFileAttributes attributes) {
                    String name = folder.getFileName().toString();
                    boolean skip = !folder.equals(root)
                            && (SKIPPED_FOLDERS.contains(name) || name.startsWith(".") || skipped.contains(folder));
                    return skip ? FileVisitResult.SKIP_SUBTREE : FileVisitResult.CONTINUE;
                }

                @Override
                public FileVisitResult visitFile(Path file, BasicFileAttributes attributes) {
                    if (attributes.isRegularFile() && file.getFileName().toString().endsWith(".md")) found.add(file);
                    return FileVisitResult.CONTINUE;
                }
            });
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        found.sort(null);
        return found;
    }

    /** One line per broken relative link of these files: {@code file:line: target: what is wrong}. */
    List<String> problems(List<Path> files) {
        List<String> problems = new ArrayList<>();
        for (Path file : files) {
            for (MarkdownFile.Link link : read(file).links()) {
                problem(file, link.target()).ifPresent(problem ->
                        problems.add(root.relativize(file) + ":" + link.line() + ": " + link.target() + ": " + problem));
            }
        }
        return problems;
    }

    private Optional<String> problem(Path file, String target) {
        if (SCHEME.matcher(target).find() || target.startsWith("//")) return Optional.empty();   // not relative
        int hash = target.indexOf('#');
        String path = decode(hash < 0 ? target : target.substring(0, hash));
        String anchor = hash < 0 ? "" : decode(target.substring(hash + 1));
        Path resolved = path.isEmpty() ? file : file.getParent().resolve(path).normalize();
        if (!resolved.startsWith(root)) return Optional.of("points outside the repository");
        if (!Files.exists(resolved)) return Optional.of("no such file");
        if (anchor.isEmpty()) return Optional.empty();
        if (!Files.isRegularFile(resolved) || !resolved.toString().endsWith(".md")) {
            return Optional.of("an anchor into something that is not a Markdown file");
        }
        Set<String> anchors = read(resolved).anchors();
        return anchors.contains(anchor) ? Optional.empty()
                : Optional.of("no heading with this anchor in " + root.relativize(resolved) + closest(anchor, anchors));
    }

    /** Every Markdown file reachable from {@code start} by following relative links from one Markdown file to the next. */
    Set<Path> reachableFrom(Path start) {
        Set<Path> seen = new LinkedHashSet<>();
        Deque<Path> queue = new ArrayDeque<>(List.of(start.toAbsolutePath().normalize()));
        while (!queue.isEmpty()) {
            Path file = queue.removeFirst();
            if (!seen.add(file)) continue;
            for (MarkdownFile.Link link : read(file).links()) {
                String target = link.target();
                if (SCHEME.matcher(target).find() || target.startsWith("//")) continue;
                String path = decode(target.contains("#") ? target.substring(0, target.indexOf('#')) : target);
                if (path.isEmpty()) continue;
                Path next = file.getParent().resolve(path).normalize();
                if (next.startsWith(root) && next.toString().endsWith(".md") && Files.isRegularFile(next)) {
                    queue.addLast(next);
                }
            }
        }
        return seen;
    }

    private MarkdownFile read(Path file) {
        return parsed.computeIfAbsent(file, f -> {
            try {
                return MarkdownFile.parse(Files.readString(f));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        });
    }

    private static String decode(String part) {
        return URLDecoder.decode(part.replace("+", "%2B"), StandardCharsets.UTF_8);
    }

    /** A hint for the usual cause, a heading renamed a little: the anchors sharing the longest prefix. */
    private static String closest(String anchor, Set<String> anchors) {
        int best = 0;
        List<String> candidates = new ArrayList<>();
        for (String candidate : anchors) {
            int common = 0;
            while (common < Math.min(anchor.length(), candidate.length())
                    && anchor.charAt(common) == candidate.charAt(common)) {
                common++;
            }
            if (common > best) {
                best = common;
                candidates.clear();
            }
            if (common == best && common > 0) candidates.add(candidate);
        }
        return candidates.isEmpty() ? "" : " (did you mean #" + String.join(", #", candidates) + "?)";
    }
}
