package dev.webwxbot.api;

import java.util.Objects;

/**
 * A name for a person or group that survives a new login, unlike {@link Contact#userName()}: the permanent id the
 * protocol gave when it gave one ({@code wxid_…}, {@code …@chatroom}, {@code gh_…}), else a name. Written in the
 * configuration as {@link #toString()} gives it, e.g. {@code "wxid:wxid_abc123"} or {@code "remark:Boss"}.
 *
 * @param kind where the value comes from, which says how far it can be trusted
 * @param value the id or the name
 */
public record Identity(Kind kind, String value) {

    public Identity {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(value, "value");
        if (value.isBlank()) throw new IllegalArgumentException("an identity needs a value");
    }

    /** Where an identity comes from, most reliable first. */
    public enum Kind {
        /** The protocol's permanent id; the same person at every login. Written {@code wxid:…}. */
        WXID("wxid"),
        /** A stable id the bot wrote into the contact's remark name (opt-in). Written {@code tag:…}. */
        TAG("tag"),
        /** The remark name the account gave: stable unless someone edits it. Written {@code remark:…}. */
        REMARK("remark"),
        /** The contact's own nickname: anyone can change theirs, or copy someone else's. Written {@code nick:…}. */
        NICKNAME("nick");

        private final String prefix;

        Kind(String prefix) {
            this.prefix = prefix;
        }

        /** The prefix before the colon in the configuration's form. */
        public String prefix() {
            return prefix;
        }
    }

    /**
     * Reads the configuration's form {@code kind:value}; a value without a known prefix is a {@code wxid:} when
     * it looks like a permanent id ({@code wxid_…}, {@code …@chatroom}, {@code gh_…}), else a remark name.
     */
    public static Identity parse(String text) {
        Objects.requireNonNull(text, "text");
        int colon = text.indexOf(':');
        if (colon > 0) {
            String prefix = text.substring(0, colon);
            for (Kind kind : Kind.values()) {
                if (kind.prefix.equals(prefix)) return new Identity(kind, text.substring(colon + 1));
            }
        }
        boolean permanent = text.startsWith("wxid_") || text.endsWith("@chatroom") || text.startsWith("gh_");
        return new Identity(permanent ? Kind.WXID : Kind.REMARK, text);
    }

    /** Whether this identity stays the same person across logins and renames. */
    public boolean permanent() {
        return kind == Kind.WXID || kind == Kind.TAG;
    }

    @Override
    public String toString() {
        return kind.prefix + ":" + value;
    }
}
