package dev.webwxbot.cluster.stream;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * A worker's call of an account's bot, or its report that a message has been through the chain, as one entry of the
 * account's command stream.
 *
 * @param id the call's id, unique to the worker: its answer names it
 * @param answerTo the worker node whose answer stream gets the answer
 * @param answering the server id of the message whose handling made the call; empty for an event or a job
 * @param answer for a send while handling a message, its place among that handling's sends (0 first); -1 otherwise
 * @param target {@link CallTargets}' name of the interface called, or {@link #DONE}
 * @param method the method's name
 * @param args each argument in the wire's JSON, typed as the method declares it
 * @param file a file's bytes in base64 that the call carries (a send of an image or file); empty when none
 * @param fileName the carried file's name; empty when none
 */
record Call(String id, String answerTo, String answering, int answer, String target, String method, List<String> args,
            String file, String fileName) {

    /** The target of the report that a message has been through the chain; its one argument is the trace's steps. */
    static final String DONE = "done";

    Call {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(answerTo, "answerTo");
        Objects.requireNonNull(answering, "answering");
        Objects.requireNonNull(target, "target");
        Objects.requireNonNull(method, "method");
        args = List.copyOf(args);
        Objects.requireNonNull(file, "file");
        Objects.requireNonNull(fileName, "fileName");
    }

    static Call done(String id, String messageId, String steps) {
        return new Call(id, "", messageId, -1, DONE, "", List.of(steps), "", "");
    }

    boolean isDone() {
        return DONE.equals(target);
    }

    Map<String, String> body() {
        Map<String, String> body = new HashMap<>();
        body.put("id", id);
        body.put("to", answerTo);
        body.put("for", answering);
        body.put("n", Integer.toString(answer));
        body.put("target", target);
        body.put("method", method);
        body.put("args", WireJson.write(args));
        if (!file.isEmpty()) {
            body.put("file", file);
            body.put("name", fileName);
        }
        return body;
    }

    /** Reads an entry; {@link WireException} when it is not a call. */
    static Call of(Map<String, String> body) {
        try {
            return new Call(body.get("id"), body.get("to"), body.get("for"), Integer.parseInt(body.get("n")),
                    body.get("target"), body.get("method"), WireJson.read(body.get("args"), WireJson.STRINGS),
                    body.getOrDefault("file", ""), body.getOrDefault("name", ""));
        } catch (RuntimeException e) {
            throw new WireException("a command stream entry that is not a call (" + e.getClass().getSimpleName() + ")");
        }
    }
}
