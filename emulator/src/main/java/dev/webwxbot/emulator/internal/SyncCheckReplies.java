package dev.webwxbot.emulator.internal;

import java.util.List;
import java.util.Map;

/** The synccheck body in its exact grammar: {@code window.synccheck={retcode:"0",selector:"2"}} (PROTOCOL.md 4.1). */
final class SyncCheckReplies {
    private SyncCheckReplies() {
    }

    static Reply answer(int retcode, int selector) {
        return Reply.javascript("window.synccheck={retcode:\"" + retcode + "\",selector:\"" + selector + "\"}")
                .withHeaders(List.of(Map.entry("Access-Control-Allow-Origin", "*")));
    }
}
