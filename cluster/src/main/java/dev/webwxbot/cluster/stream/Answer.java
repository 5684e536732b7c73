package dev.webwxbot.cluster.stream;

import java.util.HashMap;
import java.util.Map;
import java.util.Objects;

/**
 * A gateway's answer to one call, as one entry of the calling worker's answer stream.
 *
 * @param call the call's id
 * @param value what the method returned, in the wire's JSON; empty when it failed
 * @param error why the call failed; empty when it did not
 * @param file a downloaded file's bytes in base64; empty when none
 * @param fileName the downloaded file's name; empty when none
 */
record Answer(String call, String value, String error, String file, String fileName) {

    Answer {
        Objects.requireNonNull(call, "call");
        Objects.requireNonNull(value, "value");
        Objects.requireNonNull(error, "error");
        Objects.requireNonNull(file, "file");
        Objects.requireNonNull(fileName, "fileName");
    }

    static Answer value(String call, String value) {
        return new Answer(call, value, "", "", "");
    }

    static Answer failed(String call, String error) {
        return new Answer(call, "", error.isEmpty() ? "failed" : error, "", "");
    }

    boolean failed() {
        return !error.isEmpty();
    }

    Answer withFile(String base64, String name) {
        return new Answer(call, value, error, base64, name);
    }

    Map<String, String> body() {
        Map<String, String> body = new HashMap<>();
        body.put("call", call);
        if (!value.isEmpty()) body.put("value", value);
        if (!error.isEmpty()) body.put("error", error);
        if (!file.isEmpty()) {
            body.put("file", file);
            body.put("name", fileName);
        }
        return body;
    }

    static Answer of(Map<String, String> body) {
        String call = body.get("call");
        if (call == null) throw new WireException("an answer stream entry that names no call");
        return new Answer(call, body.getOrDefault("value", ""), body.getOrDefault("error", ""),
                body.getOrDefault("file", ""), body.getOrDefault("name", ""));
    }
}
