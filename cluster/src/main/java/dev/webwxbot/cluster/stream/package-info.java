/**
 * Gateways and workers over Redis Streams: a gateway holds an account's Web WeChat session and publishes its typed
 * events to the account's stream; workers read them, run the plugin chain and send their Bot calls back the same
 * way, each value in {@link dev.webwxbot.cluster.stream.WireJson}'s exact JSON, which reads back to an equal value.
 */
package dev.webwxbot.cluster.stream;
