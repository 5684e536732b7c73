/** The echo plugin: answers a friend's text with the same text. The smallest complete plugin, to copy from. */
package dev.webwxbot.plugins.echo;
