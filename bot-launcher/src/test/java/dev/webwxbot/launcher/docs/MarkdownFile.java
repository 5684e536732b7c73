package dev.webwxbot.launcher.docs;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What a Markdown file links to and which {@code #anchors} its headings give, read the way GitHub renders it, as far
 * as our documentation needs: ATX headings ({@code ## Title}), fenced code blocks (never read for links or headings),
 * inline code spans (likewise), inline links and images (also when their text wraps over lines), reference
 * definitions and {@code href}/{@code src} attributes of inline HTML.
 */
record MarkdownFile(List<Link> links, Set<String> anchors) {

    /** A link as written, with the 1-based line it starts on. */
    record Link(int line, String target) {}

    private static final Pattern FENCE = Pattern.compile("^ {0,3}(`{3,}|~{3,})");
    private static final Pattern HEADING = Pattern.compile("^ {0,3}#{1,6}(?:[ \\t]+(.*?))?(?:[ \\t]+#+)?[ \\t]*$");
    private static final Pattern INLINE_LINK =
            Pattern.compile("\\[[^\\]]*\\]\\(\\s*(<[^>\\n]*>|[^)\\s]+)(?:\\s+(?:\"[^\"]*\"|'[^']*'))?\\s*\\)");
    private static final Pattern REFERENCE_DEFINITION = Pattern.compile("(?m)^ {0,3}\\[[^\\]]+\\]:\\s*(\\S+)");
    private static final Pattern HTML_ATTRIBUTE = Pattern.compile("\\b(?:href|src)\\s*=\\s*\"([^\"]*)\"");
    private static final Pattern LINK_IN_HEADING = Pattern.compile("!?\\[([^\\]]*)\\]\\([^)]*\\)");

    static MarkdownFile parse(String markdown) {
        List<String> lines = markdown.lines().toList();
        StringBuilder prose = new StringBuilder();
        List<String> headings = new ArrayList<>();
        String fence = null;
        for (String line : lines) {
            Matcher fenceMatcher = FENCE.matcher(line);
            if (fence == null && fenceMatcher.find()) {
                fence = fenceMatcher.group(1);
                line = "";
            } else if (fence != null) {
                if (closes(fence, line)) fence = null;
                line = "";
            } else {
                Matcher heading = HEADING.matcher(line);
                if (heading.matches()) headings.add(heading.group(1) == null ? "" : heading.group(1));
            }
            prose.append(line).append('\n');
        }
        String text = blankCodeSpans(prose.toString());
        SortedMap<Integer, Link> links = new TreeMap<>();   // by position in the file
        for (Pattern pattern : List.of(INLINE_LINK, REFERENCE_DEFINITION, HTML_ATTRIBUTE)) {
            Matcher matcher = pattern.matcher(text);
            while (matcher.find()) {
                String target = matcher.group(1);
                if (target.startsWith("<") && target.endsWith(">")) target = target.substring(1, target.length() - 1);
                links.put(matcher.start(), new Link(lineOf(text, matcher.start()), target));
            }
        }
        return new MarkdownFile(List.copyOf(links.values()), anchorsOf(headings));
    }

    /** A closing fence: only the opening fence's character, at least as many times. */
    private static boolean closes(String fence, String line) {
        String stripped = line.strip();
        return stripped.startsWith(fence) && stripped.chars().allMatch(c -> c == fence.charAt(0));
    }

    /**
     * A heading's anchor as GitHub makes it (github-slugger): inline markup reduced to its text, lower case, every
     * character dropped that is not a letter, mark, number, connector punctuation ({@code _}), hyphen or space,
     * and each space turned into a hyphen. Duplicates are not numbered here; see {@link #anchors()}.
     */
    static String slug(String heading) {
        String text = LINK_IN_HEADING.matcher(heading).replaceAll("$1")
                .replaceAll("<[^>]+>", "")
                .replace("`", "")
                .replace("*", "");
        StringBuilder slug = new StringBuilder();
        text.strip().toLowerCase(Locale.ROOT).codePoints().forEach(c -> {
            if (c == ' ') {
                slug.append('-');
            } else if (c == '-' || kept(c)) {
                slug.appendCodePoint(c);
            }
        });
        return slug.toString();
    }

    private static boolean kept(int codePoint) {
        return switch (Character.getType(codePoint)) {
            case Character.UPPERCASE_LETTER, Character.LOWERCASE_LETTER, Character.TITLECASE_LETTER,
                 Character.MODIFIER_LETTER, Character.OTHER_LETTER,
                 Character.NON_SPACING_MARK, Character.ENCLOSING_MARK, Character.COMBINING_SPACING_MARK,
                 Character.DECIMAL_DIGIT_NUMBER, Character.LETTER_NUMBER, Character.OTHER_NUMBER,
                 Character.CONNECTOR_PUNCTUATION -> true;
            default -> false;
        };
    }

    /** The anchors of the headings in order; a repeated one gets {@code -1}, {@code -2}, … as on GitHub. */
    private static Set<String> anchorsOf(List<String> headings) {
        Map<String, Integer> occurrences = new HashMap<>();
        Set<String> anchors = new LinkedHashSet<>();
        for (String heading : headings) {
            String original = slug(heading);
            String anchor = original;
            while (occurrences.containsKey(anchor)) {
                int n = occurrences.merge(original, 1, Integer::sum);
                anchor = original + "-" + n;
            }
            occurrences.put(anchor, 0);
            anchors.add(anchor);
        }
        return anchors;
    }

    /** Replaces what is inside code spans with spaces (line breaks kept), so that code never reads as a link. */
    private static String blankCodeSpans(String text) {
        char[] chars = text.toCharArray();
        int i = 0;
        while (i < chars.length) {
            if (chars[i] != '`') {
                i++;
                continue;
            }
            int run = runLength(chars, i);
            int close = i + run;
            while (close < chars.length && (chars[close] != '`' || runLength(chars, close) != run)
                    && !paragraphEndsAt(chars, close)) {
                close += chars[close] == '`' ? runLength(chars, close) : 1;
            }
            if (close >= chars.length || chars[close] != '`') {   // no closing run in the paragraph: literal
                i += run;
                continue;
            }
            for (int j = i + run; j < close; j++) {
                if (chars[j] != '\n') chars[j] = ' ';
            }
            i = close + run;
        }
        return new String(chars);
    }

    /** A line break followed by a blank line: code spans do not cross paragraphs. */
    private static boolean paragraphEndsAt(char[] chars, int i) {
        if (chars[i] != '\n') return false;
        int j = i + 1;
        while (j < chars.length && (chars[j] == ' ' || chars[j] == '\t')) j++;
        return j >= chars.length || chars[j] == '\n';
    }

    private static int runLength(char[] chars, int start) {
        int end = start;
        while (end < chars.length && chars[end] == '`') end++;
        return end - start;
    }

    private static int lineOf(String text, int offset) {
        int line = 1;
        for (int i = 0; i < offset; i++) {
            if (text.charAt(i) == '\n') line++;
        }
        return line;
    }
}
