package com.example.welcome;

import dev.webwxbot.testkit.PluginTestKit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The plugin in a real bot logged in to an emulated WeChat: people join and leave a group, the test reads the bot. */
class WelcomeHandlerTest {

    // Loads the @Extension handlers of this project with src/main/resources/reference.conf, as the bot would.
    @RegisterExtension
    static final PluginTestKit bot = PluginTestKit.forPlugin("welcome").build();

    @Test
    void welcomesANewcomerInTheGroupByMention() {
        bot.group("Weekend hikers", "Alice").memberJoins("Carol", "Alice").expectReply()
                .hasText("Welcome to Weekend hikers, Carol!").mentions("Carol");
    }

    @Test
    void welcomesSomeoneWhoScannedTheGroupsQrCodeToo() {
        bot.group("Weekend hikers", "Alice").memberJoinsByQrCode("Dave", "Alice").expectReply().mentions("Dave");
    }

    @Test
    void staysSilentWhenSomeoneLeaves() {
        bot.group("Book club", "Alice", "Bob").memberLeaves("Bob").expectNoReply();
    }

    @Test
    void usesTheGreetingTheOperatorConfigures() {
        bot.reconfigure("plugins.welcome.greeting = \"Hi {member}, read the pinned rules of {group}\"");
        bot.group("Weekend hikers", "Alice").memberJoins("Erin").expectReply()
                .hasText("Hi Erin, read the pinned rules of Weekend hikers").mentions("Erin");
    }
}
