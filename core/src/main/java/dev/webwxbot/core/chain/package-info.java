/**
 * The ordered plugin chain: handlers found by PF4J in the plugins folder, sorted by phase, priority and plugin
 * id, run on virtual threads with the events of one chat kept in order.
 */
package dev.webwxbot.core.chain;
