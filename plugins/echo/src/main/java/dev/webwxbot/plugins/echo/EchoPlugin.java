package dev.webwxbot.plugins.echo;

import org.pf4j.Plugin;

/** The plugin's lifecycle entry; echo needs no set-up, so it only names the plugin to PF4J. */
public final class EchoPlugin extends Plugin {
}
