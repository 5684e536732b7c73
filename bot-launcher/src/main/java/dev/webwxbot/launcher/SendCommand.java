package dev.webwxbot.launcher;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.webwxbot.safeoutput.TerminalText;
import java.io.FileNotFoundException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code webwx-bot send --account ID --to NAME TEXT...} (or {@code --image FILE}, {@code --file}, {@code --video},
 * {@code --emoticon}): one message through a running daemon's HTTP API, sent like any of the bot's own (through the
 * account's send limits). Prints the message id, or the daemon's reason on stderr and exits with 1.
 */
@Command(name = "send", mixinStandardHelpOptions = true, sortOptions = false,
        description = "Send a message through the running daemon (webwx-bot run) and its HTTP API.")
final class SendCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Mixin
    CommonOptions common;

    @Mixin
    ApiOptions api;

    @Option(names = "--account", required = true, paramLabel = "ID", description = "the account that sends")
    String account;

    @Option(names = "--to", required = true, paramLabel = "NAME", description = "the chat: its remark, name or id")
    String to;

    @Parameters(paramLabel = "TEXT", arity = "0..*", description = "the text (words are joined by spaces)")
    List<String> text = new ArrayList<>();

    @Option(names = "--image", paramLabel = "FILE", description = "send this picture instead of a text")
    Path image;

    @Option(names = "--file", paramLabel = "FILE", description = "send this file instead of a text")
    Path file;

    @Option(names = "--video", paramLabel = "FILE", description = "send this video (MP4) instead of a text")
    Path video;

    @Option(names = "--emoticon", paramLabel = "FILE", description = "send this GIF as a sticker instead of a text")
    Path emoticon;

    @Option(names = "--mention", paramLabel = "NAME",
            description = "@-mention this group member in the text (repeatable)")
    List<String> mentions = new ArrayList<>();

    @Override
    public Integer call() {
        Map<String, Path> media = new LinkedHashMap<>();
        if (image != null) media.put("image", image);
        if (file != null) media.put("file", file);
        if (video != null) media.put("video", video);
        if (emoticon != null) media.put("emoticon", emoticon);
        String words = String.join(" ", text);
        if (media.size() + (words.isEmpty() ? 0 : 1) != 1) {
            throw new IllegalArgumentException("send either a TEXT or one of --image, --file, --video, --emoticon");
        }
        if (!media.isEmpty() && !mentions.isEmpty()) {
            throw new IllegalArgumentException("--mention goes with a text; WeChat has no mentions on media");
        }
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        try (ApiClient client = new ApiClient(api.target(common))) {
            String path = ApiClient.PREFIX + "/accounts/" + ApiClient.segment(account) + "/messages";
            JsonNode receipt = media.isEmpty()
                    ? client.post(path, textBody(words), ApiClient.SEND_TIMEOUT)
                    : client.post(path, form(media.keySet().iterator().next(), media.values().iterator().next()),
                            ApiClient.SEND_TIMEOUT);
            out.println("sent to " + TerminalText.clean(to) + ": msgId "
                    + TerminalText.clean(receipt.path("msgId").asText("?")));
            out.flush();
            return 0;
        } catch (ApiFailure e) {
            err.println("webwx-bot: not sent to " + TerminalText.clean(to) + ": " + e.getMessage());
            err.flush();
            return 1;
        }
    }

    private ObjectNode textBody(String words) {
        ObjectNode body = ApiClient.json().createObjectNode().put("to", to).put("text", words);
        if (!mentions.isEmpty()) mentions.forEach(body.putArray("mentions")::add);
        return body;
    }

    private Multipart form(String type, Path content) {
        if (!Files.isRegularFile(content) || !Files.isReadable(content)) {
            throw new IllegalArgumentException("--" + type + " " + content + ": no such readable file");
        }
        try {
            return new Multipart().field("to", to).field("type", type).file("file", content);
        } catch (FileNotFoundException e) {
            throw new IllegalArgumentException("--" + type + " " + content + ": no such readable file");
        }
    }
}
