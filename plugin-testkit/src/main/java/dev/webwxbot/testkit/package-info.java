/**
 * The plugin test kit: a JUnit 5 extension ({@link dev.webwxbot.testkit.PluginTestKit}) that runs the plugin under
 * test in the real chain of a bot logged in to an emulated WeChat, and a fluent API in the language of chats
 * (a {@link dev.webwxbot.testkit.Friend} or group {@link dev.webwxbot.testkit.Member} says something, the test
 * expects a {@link dev.webwxbot.testkit.Reply} or silence). Plugin projects add it with test scope.
 */
package dev.webwxbot.testkit;
