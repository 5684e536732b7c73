package dev.webwxbot.benchmarks;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.webwxbot.core.internal.contact.ContactBook;
import dev.webwxbot.core.internal.protocol.Json;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;

/**
 * The corpus of real captured payloads ({@code testdata/corpus}, a copy of the shared corpus; see its README).
 * Found through the system property {@code webwx.corpus}, else from the repository root or a module folder.
 */
final class Corpus {

    /** Keys clients add after receipt (corpus README, "Caveats"): not what the server sends, so removed. */
    private static final Set<String> CLIENT_KEYS = Set.of("LocalID", "ClientMsgId", "Type", "Text", "groupMsg",
            "ActualUserName", "ActualNickName", "isAt", "IsAt", "User");
    static final String SELF = "@0a1b2c3d4e5f60718293a4b5c6d7e8f9";

    private Corpus() {
    }

    static Path root() {
        String configured = System.getProperty("webwx.corpus");
        List<Path> candidates = configured != null ? List.of(Path.of(configured))
                : List.of(Path.of("testdata/corpus"), Path.of("../testdata/corpus"));
        for (Path candidate : candidates) {
            if (Files.isDirectory(candidate.resolve("addmsg"))) return candidate;
        }
        throw new IllegalStateException("the payload corpus was not found at " + candidates
                + "; pass -jvmArgsAppend -Dwebwx.corpus=/path/to/testdata/corpus");
    }

    /** The sample files of one folder, sorted, without their {@code .source.json} sidecars. */
    static List<Path> samples(String folder) {
        try (Stream<Path> files = Files.list(root().resolve(folder))) {
            return files.filter(p -> p.getFileName().toString().endsWith(".json"))
                    .filter(p -> !p.getFileName().toString().endsWith(".source.json"))
                    .sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static byte[] bytes(Path file) {
        try {
            return Files.readAllBytes(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** One {@code AddMsgList} entry as the server sent it: keys clients added after receipt are removed. */
    static JsonNode message(Path file) {
        try {
            ObjectNode node = (ObjectNode) Json.parse(bytes(file));
            List<String> drop = new ArrayList<>();
            for (Iterator<String> names = node.fieldNames(); names.hasNext(); ) {
                String key = names.next();
                if (key.startsWith("MM") || key.startsWith("_") || key.startsWith("$$") || CLIENT_KEYS.contains(key)) {
                    drop.add(key);
                }
            }
            node.remove(drop);
            return node;
        } catch (Exception e) {
            throw new IllegalStateException(file + " is not a JSON object", e);
        }
    }

    /** The address book of a freshly logged-in session, as the corpus tests set it up. */
    static ContactBook loggedInContacts() {
        ContactBook contacts = new ContactBook();
        ObjectNode user = Json.MAPPER.createObjectNode();
        user.put("UserName", SELF);
        user.put("NickName", "Bot");
        contacts.setSelf(user);
        return contacts;
    }
}
