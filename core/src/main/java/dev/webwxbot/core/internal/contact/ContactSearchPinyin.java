package dev.webwxbot.core.internal.contact;

import com.fasterxml.jackson.databind.JsonNode;
import dev.webwxbot.core.internal.protocol.Json;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import net.sourceforge.pinyin4j.PinyinHelper;

/**
 * The pinyin rank of contact search: a Latin-letter query against the pinyin the server gives for a name
 * ({@code PYQuanPin}, {@code PYInitial}, PROTOCOL.md 3.6 and 3.7) and against the pinyin of a name's Chinese
 * characters from pinyin4j, for the names the server gives none for (group members, names changed by sync).
 * Stateless apart from a cache of character readings; thread-safe.
 */
final class ContactSearchPinyin {

    /** Readings per character; bounded by the characters pinyin4j knows (about 20,000). */
    private static final Map<Character, List<String>> READINGS = new ConcurrentHashMap<>();
    private static final List<String> NOT_HAN = List.of();
    /** Syllables by normalised name, bounded like ContactSearch's names; an empty list for a name without Han. */
    private static final Map<String, List<List<String>>> SYLLABLES = new ConcurrentHashMap<>();

    private ContactSearchPinyin() {
    }

    /**
     * The pinyin helpers the server sent with a contact or member, lower-cased and without separators; empty
     * strings where it sent none (usual for members, for groups in init, and in ModContactList entries).
     */
    record Server(String initial, String quanPin, String remarkInitial, String remarkQuanPin) {
        static final Server NONE = new Server("", "", "", "");

        static Server of(JsonNode node) {
            Server server = new Server(clean(Json.text(node, "PYInitial")), clean(Json.text(node, "PYQuanPin")),
                    clean(Json.text(node, "RemarkPYInitial")), clean(Json.text(node, "RemarkPYQuanPin")));
            return server.equals(NONE) ? NONE : server;
        }

        private static String clean(String pinyin) {
            return letters(pinyin.toLowerCase(Locale.ROOT));
        }
    }

    /**
     * The query as pinyin: its letters and digits, spaces and apostrophes left out and ü written {@code v}; empty
     * when it has anything else (a query in Chinese characters is not pinyin).
     */
    static String query(String normalizedQuery) {
        StringBuilder out = new StringBuilder(normalizedQuery.length());
        for (int i = 0; i < normalizedQuery.length(); i++) {
            char c = normalizedQuery.charAt(i);
            if (c == ' ' || c == '\'' || c == '’') continue;
            if (c == 'ü') c = 'v';
            if ((c < 'a' || c > 'z') && (c < '0' || c > '9')) return "";
            out.append(c);
        }
        return out.toString();
    }

    /** Whether the pinyin query starts the server's full pinyin or its initials of a name. */
    static boolean startsServerPinyin(String pinyinQuery, String initial, String quanPin) {
        return !pinyinQuery.isEmpty() && (initial.startsWith(pinyinQuery) || quanPin.startsWith(pinyinQuery));
    }

    /**
     * Whether the pinyin query spells the (normalised) name from one of its syllables on: each syllable in full or by
     * its first letter, the last one possibly cut short, any reading of a character counting. A run of Latin letters
     * or digits in the name is one syllable. False for a name without a Chinese character pinyin4j knows: plain
     * Latin names are matched by the earlier ranks.
     */
    static boolean spells(String pinyinQuery, String name) {
        if (pinyinQuery.isEmpty()) return false;
        List<List<String>> syllables = SYLLABLES.get(name);
        if (syllables == null) {
            if (SYLLABLES.size() >= ContactSearch.CACHE_LIMIT) SYLLABLES.clear();
            syllables = syllables(name);
            SYLLABLES.put(name, syllables);
        }
        if (syllables.isEmpty()) return false;
        byte[][] memo = new byte[syllables.size() + 1][pinyinQuery.length() + 1];
        for (int start = 0; start < syllables.size(); start++) {
            if (spellsFrom(syllables, pinyinQuery, start, 0, memo)) return true;
        }
        return false;
    }

    private static boolean spellsFrom(List<List<String>> syllables, String query, int syllable, int at, byte[][] memo) {
        if (at == query.length()) return true;
        if (syllable == syllables.size()) return false;
        if (memo[syllable][at] != 0) return memo[syllable][at] > 0;
        int left = query.length() - at;
        boolean spelled = false;
        for (String reading : syllables.get(syllable)) {
            if (left <= reading.length() && reading.regionMatches(0, query, at, left)) {
                spelled = true; // the query ends inside this syllable
            } else if (query.regionMatches(at, reading, 0, reading.length())
                    && spellsFrom(syllables, query, syllable + 1, at + reading.length(), memo)) {
                spelled = true; // the syllable in full
            } else if (query.charAt(at) == reading.charAt(0)
                    && spellsFrom(syllables, query, syllable + 1, at + 1, memo)) {
                spelled = true; // the syllable by its first letter
            }
            if (spelled) break;
        }
        memo[syllable][at] = (byte) (spelled ? 1 : -1);
        return spelled;
    }

    /**
     * The name as syllables, each with its possible readings; empty when it has no Chinese character with a known
     * reading. Other characters (spaces, punctuation, emoji) only separate runs of Latin letters and digits.
     */
    private static List<List<String>> syllables(String name) {
        List<List<String>> syllables = new ArrayList<>();
        boolean han = false;
        StringBuilder run = new StringBuilder();
        for (int i = 0; i < name.length(); i++) {
            char c = name.charAt(i);
            if ((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9')) {
                run.append(c);
                continue;
            }
            if (!run.isEmpty()) {
                syllables.add(List.of(run.toString()));
                run.setLength(0);
            }
            // A character outside the Basic Multilingual Plane (emoji, rare ideographs) is a separator: pinyin4j
            // reads single chars only.
            List<String> readings = Character.isSurrogate(c) ? NOT_HAN : READINGS.computeIfAbsent(c, ContactSearchPinyin::readings);
            if (!readings.isEmpty()) {
                syllables.add(readings);
                han = true;
            }
        }
        if (!run.isEmpty()) syllables.add(List.of(run.toString()));
        return han ? List.copyOf(syllables) : List.of();
    }

    /** pinyin4j's readings without tone numbers; ü (its {@code u:}) both as {@code v} and as {@code u}. */
    private static List<String> readings(char c) {
        if (Character.UnicodeScript.of(c) != Character.UnicodeScript.HAN) return NOT_HAN;
        String[] toned = PinyinHelper.toHanyuPinyinStringArray(c);
        if (toned == null) return NOT_HAN;
        Set<String> readings = new LinkedHashSet<>();
        for (String reading : toned) {
            if (reading.contains("u:")) {
                readings.add(syllable(reading.replace("u:", "v")));
                readings.add(syllable(reading.replace("u:", "u")));
            } else {
                readings.add(syllable(reading));
            }
        }
        readings.remove("");
        readings.remove("none"); // pinyin4j's entry for characters it has no reading of
        return readings.isEmpty() ? NOT_HAN : List.copyOf(readings);
    }

    /** A reading without its tone number. */
    private static String syllable(String toned) {
        StringBuilder out = new StringBuilder(toned.length());
        for (int i = 0; i < toned.length(); i++) {
            char c = toned.charAt(i);
            if (c >= 'a' && c <= 'z') out.append(c);
        }
        return out.toString();
    }

    private static String letters(String text) {
        StringBuilder out = new StringBuilder(text.length());
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if ((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9')) out.append(c);
        }
        return out.toString();
    }
}
