package dev.webwxbot.testkit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.webwxbot.api.HandlerContext;
import dev.webwxbot.api.MessageHandler;
import dev.webwxbot.api.Outcome;
import dev.webwxbot.api.Outgoing;
import dev.webwxbot.api.event.BotEvent;
import dev.webwxbot.api.event.FileMessage;
import dev.webwxbot.api.event.ImageMessage;
import dev.webwxbot.api.event.TextMessage;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class MediaTest {

    private static final byte[] PNG = png(2, 3);
    private static final byte[] PDF = "%PDF-1.4 prices".getBytes(StandardCharsets.US_ASCII);

    @RegisterExtension
    static final PluginTestKit bot = PluginTestKit.forPlugin("media").handlers(new MediaHandler()).build();

    @Test
    void aPictureAFriendSendsReachesThePlugin() {
        bot.friend("Alice").sendsImage(PNG).expectReply().hasText("got a 2x3 picture");
    }

    @Test
    void aFileAMemberSendsInAGroupReachesThePlugin() {
        bot.group("Office", "Alice", "Bob").member("Bob").sendsFile("report.pdf", PDF).expectReply()
                .hasText("got report.pdf, " + PDF.length + " bytes");
    }

    @Test
    void anImageAnswerIsCheckedByKindNameAndBytes() {
        Reply reply = bot.friend("Alice").says("menu").expectReply()
                .hasKind(ReplyKind.IMAGE).hasFileName("menu.png").hasBytes(PNG);
        assertEquals("", reply.text());
    }

    @Test
    void aFileAnswerIsCheckedByKindNameAndBytes() {
        bot.friend("Alice").says("prices").expectReply().hasKind(ReplyKind.FILE).hasFileName("prices.pdf").hasBytes(PDF);
    }

    @Test
    void aPictureWhereTextWasExpectedFailsInPlainWords() {
        Reply reply = bot.friend("Alice").says("menu").expectReply();
        AssertionError wrong = assertThrows(AssertionError.class, () -> reply.hasText("the menu"));
        assertEquals("expected the bot to answer Alice with \"the menu\", but it answered an image (menu.png)",
                wrong.getMessage());
        AssertionError kind = assertThrows(AssertionError.class, () -> reply.hasKind(ReplyKind.FILE));
        assertEquals("expected the bot to answer Alice with a file, but it answered an image (menu.png)",
                kind.getMessage());
    }

    @Test
    void otherBytesFailNamingSizeAndDigest() {
        Reply reply = bot.friend("Alice").says("prices").expectReply();
        AssertionError wrong = assertThrows(AssertionError.class, () -> reply.hasBytes(PNG));
        assertEquals(true, wrong.getMessage().startsWith("expected the bot to answer Alice with a file of "
                + PNG.length + " bytes (MD5 "), wrong.getMessage());
        assertEquals(true, wrong.getMessage().contains("but it answered a file \"prices.pdf\" of " + PDF.length
                + " bytes"), wrong.getMessage());
    }

    private static byte[] png(int width, int height) {
        try {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            ImageIO.write(new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB), "png", out);
            return out.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Says what picture or file it got; answers "menu" with a picture and "prices" with a file. */
    static final class MediaHandler implements MessageHandler {
        @Override
        public Outcome handle(BotEvent event, HandlerContext context) throws IOException {
            switch (event) {
                case ImageMessage image when !image.envelope().fromSelf() ->
                        context.reply("got a " + image.width() + "x" + image.height() + " picture");
                case FileMessage file when !file.envelope().fromSelf() ->
                        context.reply("got " + file.fileName() + ", " + file.size() + " bytes");
                case TextMessage text when text.text().equals("menu") -> sendFile(context, "menu.png", PNG, true);
                case TextMessage text when text.text().equals("prices") -> sendFile(context, "prices.pdf", PDF, false);
                default -> {
                    return Outcome.CONTINUE;
                }
            }
            return Outcome.STOP;
        }

        private static void sendFile(HandlerContext context, String name, byte[] bytes, boolean image) throws IOException {
            Path dir = Files.createTempDirectory("kit-media");
            try {
                Path file = Files.write(dir.resolve(name), bytes);
                context.reply(image ? new Outgoing.Image(file) : new Outgoing.File(file));
            } finally {
                try (Stream<Path> files = Files.walk(dir)) {
                    for (Path path : files.sorted(Comparator.reverseOrder()).toList()) Files.deleteIfExists(path);
                }
            }
        }
    }
}
