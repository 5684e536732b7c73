package dev.webwxbot.plugins.autoreply;

/**
 * Names for the log: chat names, nicknames and rule names are chosen by strangers or typed by the operator, so no
 * control or format characters and no great length reach a log line. Stateless.
 */
final class LogNames {

    private static final int MAX_LOGGED_NAME = 40;

    private LogNames() {
    }

    /** {@code 'name'}, cleaned and shortened. */
    static String quoted(String name) {
        String clean = clean(name);
        return "'" + (clean.length() > MAX_LOGGED_NAME ? clean.substring(0, MAX_LOGGED_NAME) + "…" : clean) + "'";
    }

    /** A line that carries names (a problem naming a chat), without control or format characters. */
    static String clean(String text) {
        return text.replaceAll("[\\p{Cntrl}\\p{Cf}]", "?");
    }
}
