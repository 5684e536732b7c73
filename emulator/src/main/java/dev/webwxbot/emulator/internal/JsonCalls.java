package dev.webwxbot.emulator.internal;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.function.IntFunction;

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

    /** A JSON call whose body parsed and whose session is live. */
    record Call(JsonNode body, WebSession session) {
    }

    /**
     * Parses the body and authenticates the session, the way every JSON endpoint starts. On failure it answers
     * ({@code Ret 1200} for an unparsable body, else {@code failure} applied to the authentication's code, so each
     * endpoint keeps its own response shape) and returns {@code null}.
     */
    static Call open(Exchange ex, SessionAuthenticator authenticator, IntFunction<Reply> failure) {
        JsonNode body = bodyOrReject(ex);
        if (body == null) {
            return null;
        }
        SessionAuthenticator.Result auth = authenticator.authenticate(ex, body);
        if (!auth.ok()) {
            ex.reply(failure.apply(auth.ret()));
            return null;
        }
        return new Call(body, auth.session());
    }

    static Reply bare(int ret) {
        return JsonBodies.json(new Wire.BareResponse(Wire.BaseResponse.of(ret)));
    }
}
