package dev.webwxbot.plugins.autoreply;

import org.pf4j.Plugin;

/** The plugin's lifecycle entry; all state lives in {@link AutoReplyHandler}, so this only names the plugin. */
public final class AutoReplyPlugin extends Plugin {
}
