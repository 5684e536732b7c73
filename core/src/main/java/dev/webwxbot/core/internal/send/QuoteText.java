package dev.webwxbot.core.internal.send;

import dev.webwxbot.api.Contact;
import dev.webwxbot.api.Outgoing;
import dev.webwxbot.core.internal.contact.ContactBook;
import java.util.ArrayList;
import java.util.List;

/**
 * The text an {@link Outgoing.Quote} is sent as: WeChat's text form of a quote (the form its clients show a quote
 * in when they show it as text; docs/plugin-authors.md names the sources),
 *
 * <pre>
 * 「NAME：QUOTED」
 * - - - - - - - - - - - - - - -
 * REPLY
 * </pre>
 *
 * NAME is the quoted sender's nickname, in a group the name the group sees; in a group, unless the quoted message
 * is the account's own, it is written as an @-mention ({@code @NAME} + U+2005) and the sender is listed in the
 * {@code MsgSource}, so the quoted person is notified as by any mention. QUOTED loses its line breaks (the quote is
 * one line, as the page's digests are) and is cut as the official page cuts a notification's text: at 80 columns,
 * a character above U+0080 counting two, then {@code …}. Stateless; thread-safe.
 */
public final class QuoteText {
    /** U+FF1A FULLWIDTH COLON, between the name and the quoted text. */
    private static final String COLON = "：";
    /** The official page's notification text ends after this many columns (its {@code _notify}). */
    static final int WIDTH = 80;

    private QuoteText() {
    }

    /** The text to send for {@code quote} in {@code chat}. */
    public static String render(ContactBook contacts, Contact chat, Outgoing.Quote quote) {
        Mentions mentions = new Mentions(contacts);
        Contact quoted = quote.quotedSender();
        String name = chat.isGroup() ? mentions.nameInGroup(chat, quoted)
                : quoted.nickName().isEmpty() ? quoted.displayName() : quoted.nickName();
        String shownName = mentionsQuoted(mentions, chat, quote) ? "@" + name + Mentions.SEPARATOR : name;
        List<Contact> others = new ArrayList<>(quote.mentions());
        others.removeIf(other -> other.userName().equals(quoted.userName()) && mentionsQuoted(mentions, chat, quote));
        return "「" + shownName + COLON + shortened(quote.quotedText()) + "」\n" + Outgoing.Quote.SEPARATOR + "\n"
                + mentions.prefixed(chat, quote.text(), others);
    }

    /** Everyone the text @-mentions: the quoted sender (in a group, unless it is the account) and the others. */
    static List<Contact> mentioned(ContactBook contacts, Contact chat, Outgoing.Quote quote) {
        List<Contact> all = new ArrayList<>();
        if (mentionsQuoted(new Mentions(contacts), chat, quote)) all.add(quote.quotedSender());
        all.addAll(quote.mentions());
        return all;
    }

    private static boolean mentionsQuoted(Mentions mentions, Contact chat, Outgoing.Quote quote) {
        return chat.isGroup() && !mentions.isSelf(quote.quotedSender());
    }

    /** One line, at most {@value #WIDTH} columns and an ellipsis; a character is never split. */
    static String shortened(String text) {
        String line = text.replace("\r\n", " ").replace('\r', ' ').replace('\n', ' ').strip();
        int columns = 0;
        for (int i = 0; i < line.length(); ) {
            int c = line.codePointAt(i);
            columns += c <= 0x80 ? 1 : 2;
            i += Character.charCount(c);
            if (columns >= WIDTH) {
                return i < line.length() ? line.substring(0, i) + "…" : line;
            }
        }
        return line;
    }
}
