package dev.webwxbot.core.internal.contact;

import dev.webwxbot.api.Contact;
import dev.webwxbot.api.ContactKind;
import dev.webwxbot.api.Contacts;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Matching and ranking for {@link Contacts#find} and {@link Contacts#findExact}, whose javadoc states the rules:
 * normalised names, ranks exact, prefix, substring, pinyin; within a rank remark name, nickname, alias, in-group
 * name, special-account name; then the matched name and the id. Stateless; thread-safe.
 */
final class ContactSearch {

    /**
     * The names clients show for special accounts, beside the nickname the server sends: PROTOCOL.md 3.1's and the
     * seeds' {@code filehelper} entry ("文件传输助手"), 3.8's "File Transfer" pseudo-friend and "微信团队"
     * ({@code weixin}). No other special account has a name in the sources, so none is made up here.
     */
    static final Map<String, List<String>> SPECIAL_NAMES = Map.of(
            "filehelper", List.of("文件传输助手", "File Transfer"),
            "weixin", List.of("微信团队"));

    /**
     * Normalised names by name: every find compares every name of the book, and names rarely change. Emptied when
     * it reaches {@link #CACHE_LIMIT} names (a crude bound; a long-running process simply normalises again).
     */
    private static final Map<String, String> NORMALIZED = new ConcurrentHashMap<>();
    static final int CACHE_LIMIT = 100_000;

    /** How good a match is; declaration order is rank order. */
    enum Rank { EXACT, PREFIX, SUBSTRING, PINYIN }

    /** Which name matched; declaration order is the order of preference within a rank. */
    enum Field { REMARK, NICKNAME, ALIAS, IN_GROUP, SPECIAL }

    /** Whether every rank counts, or only {@link Rank#EXACT}. */
    enum Mode { RANKED, EXACT }

    /**
     * One searchable view of a contact: an address-book entry, or a group member as seen in one group (then
     * {@code member} is true and {@link Contact#groupDisplayName()} may be set).
     */
    record Entry(Contact contact, ContactSearchPinyin.Server pinyin, boolean member) {
    }

    private record Hit(Rank rank, Field field, String name, Entry entry) {
        static final Comparator<Hit> ORDER = Comparator.comparing(Hit::rank)
                .thenComparing(Hit::field)
                .thenComparing(Hit::name)
                .thenComparing(hit -> hit.entry().contact().userName())
                // The same contact in the book and in a group, found by the same name: the book's entry.
                .thenComparing(hit -> hit.entry().member());
    }

    private ContactSearch() {
    }

    /** The contacts of {@code entries} that match {@code query}, each once at its best match, best first. */
    static List<Contact> find(String query, Iterable<Entry> entries, Mode mode) {
        String normalized = Contacts.normalizeName(query);
        if (normalized.isEmpty()) return List.of();
        String pinyinQuery = mode == Mode.RANKED ? ContactSearchPinyin.query(normalized) : "";
        Map<String, Hit> best = new HashMap<>();
        for (Entry entry : entries) {
            Hit hit = match(entry, normalized, pinyinQuery, mode);
            if (hit == null) continue;
            best.merge(entry.contact().userName(), hit, (a, b) -> Hit.ORDER.compare(a, b) <= 0 ? a : b);
        }
        List<Hit> hits = new ArrayList<>(best.values());
        hits.sort(Hit.ORDER);
        return hits.stream().map(hit -> hit.entry().contact()).toList();
    }

    /**
     * The entries by every name an exact lookup compares, normalised, so {@link Mode#EXACT} need only look at the
     * entries carrying the name asked for.
     */
    static Map<String, List<Entry>> byExactName(List<Entry> entries) {
        Map<String, List<Entry>> index = new HashMap<>();
        for (Entry entry : entries) {
            names(entry.contact(), Mode.EXACT).stream().map(Named::normalized).distinct()
                    .forEach(name -> index.computeIfAbsent(name, key -> new ArrayList<>(1)).add(entry));
        }
        return index;
    }

    /** The best way this entry matches, or null. */
    private static Hit match(Entry entry, String query, String pinyinQuery, Mode mode) {
        List<Named> names = names(entry.contact(), mode);
        Hit best = null;
        for (Named named : names) {
            Rank rank = textRank(named, query, mode);
            if (rank == null) continue;
            Hit hit = new Hit(rank, named.field(), named.normalized(), entry);
            if (best == null || Hit.ORDER.compare(hit, best) < 0) best = hit;
        }
        if (best != null || pinyinQuery.isEmpty()) return best;
        ContactSearchPinyin.Server server = entry.pinyin();
        for (Named named : names) {
            if (named.idOnly()) continue;
            boolean fromServer = switch (named.field()) {
                case REMARK -> ContactSearchPinyin.startsServerPinyin(pinyinQuery, server.remarkInitial(),
                        server.remarkQuanPin());
                case NICKNAME -> ContactSearchPinyin.startsServerPinyin(pinyinQuery, server.initial(), server.quanPin());
                default -> false;
            };
            if (fromServer || ContactSearchPinyin.spells(pinyinQuery, named.normalized())) {
                return new Hit(Rank.PINYIN, named.field(), named.normalized(), entry);
            }
        }
        return null;
    }

    private static Rank textRank(Named named, String query, Mode mode) {
        String name = named.normalized();
        if (name.equals(query)) return Rank.EXACT;
        if (mode == Mode.EXACT || named.idOnly()) return null;
        if (name.startsWith(query)) return Rank.PREFIX;
        if (name.contains(query)) return Rank.SUBSTRING;
        return null;
    }

    /** A name of a contact, normalised; {@code idOnly} for a special account's id, which matches only exactly. */
    private record Named(Field field, String normalized, boolean idOnly) {
    }

    /**
     * The contact's non-empty names in field order. The names clients show for a special account help a search but
     * are not the account's own, so an exact lookup leaves them out.
     */
    private static List<Named> names(Contact contact, Mode mode) {
        List<Named> names = new ArrayList<>(4);
        add(names, Field.REMARK, contact.remarkName(), false);
        add(names, Field.NICKNAME, contact.nickName(), false);
        add(names, Field.ALIAS, contact.alias(), false);
        add(names, Field.IN_GROUP, contact.groupDisplayName(), false);
        if (contact.kind() == ContactKind.SPECIAL) {
            add(names, Field.SPECIAL, contact.userName(), true);
            if (mode == Mode.RANKED) {
                SPECIAL_NAMES.getOrDefault(contact.userName(), List.of())
                        .forEach(name -> add(names, Field.SPECIAL, name, false));
            }
        }
        return names;
    }

    private static void add(List<Named> names, Field field, String name, boolean idOnly) {
        if (name.isEmpty()) return;
        String normalized = NORMALIZED.get(name);
        if (normalized == null) {
            if (NORMALIZED.size() >= CACHE_LIMIT) NORMALIZED.clear();
            normalized = Contacts.normalizeName(name);
            NORMALIZED.put(name, normalized);
        }
        if (!normalized.isEmpty()) names.add(new Named(field, normalized, idOnly));
    }
}
