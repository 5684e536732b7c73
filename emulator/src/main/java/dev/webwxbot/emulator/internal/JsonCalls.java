package dev.webwxbot.emulator.internal;

import com.fasterxml.jackson.databind.JsonNode;

/** Small shared steps of the JSON endpoints. */
final class JsonCalls {
    /** MMWEBWX_ERR_PARSER_REQUEST: the body could not be parsed (PROTOCOL.md 11.1). */
    static final int PARSE_ERROR = 1200;

    private JsonCalls() {
    }

    /** The parsed body, or {@code null} after answering {@code Ret 1200}. */
    static JsonNode bodyOrReject(Exchange ex) {
        return JsonBodies.parseObject(ex.body()).orElseGet(() -> {
            ex.reply(bare(PARSE_ERROR));
            return null;
        });
    }

    static Reply bare(int ret) {
        return JsonBodies.json(new Wire.BareResponse(Wire.BaseResponse.of(ret)));
    }
}
