package dev.webwxbot.emulator.internal;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * {@code webwxpushloginurl} (PROTOCOL.md 2.7): with the cookies of an earlier login, pushes a confirmation prompt to
 * the phone and answers a uuid whose login poll then goes on as after a scan. JSON without BaseResponse, {@code ret}
 * a string.
 */
final class PushLoginEndpoint {
    private final World world;

    PushLoginEndpoint(World world) {
        this.world = world;
    }

    void handle(Exchange ex) {
        QrLogins.PushOutcome outcome = world.qrLogins().push(ex.query().get("uin"), ex.cookies().get("wxuin"),
                ex.cookies().get("webwx_auth_ticket"), "desktop".equals(ex.query().get("mod")),
                LoginEndpoints.normaliseLang(ex.query().get("lang")));
        Map<String, String> body = answer(outcome.ret());
        if (outcome.uuid() != null) {
            body.put("uuid", outcome.uuid());
        }
        ex.reply(JsonBodies.json(body));
    }

    /** {@code {"ret":"<ret>","msg":"…"}} with the texts of 2.7. */
    static Map<String, String> answer(int ret) {
        Map<String, String> body = new LinkedHashMap<>();
        body.put("ret", Integer.toString(ret));
        body.put("msg", switch (ret) {
            case 0 -> "all ok";
            case 1 -> "args error";
            case 2 -> "antispam";
            case 3 -> "device authinfo invalid";
            default -> "";
        });
        return body;
    }
}
