/**
 * The ordered plugin chain and its host: handlers found by PF4J in the plugins folder, ordered by the operator's
 * list, then phase, priority and plugin id, run on virtual threads with time budgets and circuit breakers, the events of
 * one chat kept in order; plugins listed, enabled, disabled, reloaded and reconfigured while the session runs.
 */
package dev.webwxbot.core.chain;
