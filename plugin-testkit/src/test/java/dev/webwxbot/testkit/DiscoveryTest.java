package dev.webwxbot.testkit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.webwxbot.api.MessageHandler;
import java.io.IOException;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collections;
import java.util.Enumeration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** With no handlers given, the plugin's handlers are those its extension index lists. */
class DiscoveryTest {

    @RegisterExtension
    static final PluginTestKit bot = PluginTestKit.forPlugin("discovered").build();

    @TempDir
    Path dir;

    @Test
    void theHandlersListedInTheExtensionIndexRunInTheChain() {
        bot.friend("Alice").says("hi").expectReply().hasText("found by the index: hi").answeredBy();
        assertEquals("discovered/DiscoveredGreeter", bot.friend("Alice").says("hi").expectReply().answeredBy());
    }

    @Test
    void listedClassesThatAreNoHandlersAreLeftOut() {
        List<MessageHandler> found = PluginClasses.discover(DiscoveryTest.class.getClassLoader());
        assertEquals(List.of(DiscoveredGreeter.class), found.stream().map(Object::getClass).toList());
    }

    @Test
    void aListedClassThatDoesNotExistFailsNamingIt() throws IOException {
        ClassLoader loader = onlyIndex("# generated\ncom.example.Missing\n");
        IllegalStateException missing = assertThrows(IllegalStateException.class, () -> PluginClasses.discover(loader));
        assertEquals("META-INF/extensions.idx lists com.example.Missing, which cannot be loaded:"
                + " java.lang.ClassNotFoundException: com.example.Missing", missing.getMessage());
    }

    @Test
    void anIndexWithoutAnyHandlerFailsSayingHowToGiveOne() throws IOException {
        ClassLoader loader = onlyIndex(NotAHandler.class.getName() + "\n");
        IllegalStateException none = assertThrows(IllegalStateException.class, () -> PluginClasses.discover(loader));
        assertTrue(none.getMessage().startsWith("no handlers given and no MessageHandler listed in"
                + " META-INF/extensions.idx on the test class path (1 index file(s) found): pass them to handlers(...)"),
                none.getMessage());
    }

    /** The test's class loader, but with this text as the only extension index on its class path. */
    private ClassLoader onlyIndex(String index) throws IOException {
        URL file = Files.writeString(dir.resolve("extensions.idx"), index).toUri().toURL();
        return new ClassLoader(DiscoveryTest.class.getClassLoader()) {
            @Override
            public Enumeration<URL> getResources(String name) throws IOException {
                return name.equals(PluginClasses.EXTENSION_INDEX)
                        ? Collections.enumeration(List.of(file)) : super.getResources(name);
            }
        };
    }
}
