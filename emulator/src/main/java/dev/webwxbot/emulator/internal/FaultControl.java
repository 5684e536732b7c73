package dev.webwxbot.emulator.internal;

import com.fasterxml.jackson.databind.JsonNode;
import dev.webwxbot.emulator.FaultKind;
import dev.webwxbot.emulator.FiredFault;
import dev.webwxbot.emulator.internal.fault.FaultPlan;
import dev.webwxbot.emulator.internal.fault.FaultRule;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Fault rules over the control API, for clients written in other languages. JSON in, JSON out.
 *
 * <pre>
 * POST /__emulator/faults  {"Endpoint": "synccheck", "Fault": "reset", "Times"?: 2, "Probability"?: 0.3,
 *                           "Skip"?: 0, "DelayMillis"?: 500, "Code"?: 1101}          → {"Rule": 1}
 * GET  /__emulator/faults                 → {"Seed": …, "Rules": [{"Rule", "Endpoint", "Fault", "Remaining", …}],
 *                                            "Fired": [{"Sequence", "Time", "Endpoint", "Fault", "Rule", "Detail"}]}
 * POST /__emulator/faults/clear           → {}   (removes every rule; the fired log stays)
 * POST /__emulator/faults/{rule}/remove   → {}
 * </pre>
 * {@code Fault} is a {@link FaultKind} wire name ({@code delay, stall, reset, server-error, truncated, malformed,
 * duplicate-message, stuck-selector, sync-check-key-ahead, logout, ret, banned, kicked, frozen-sync, stuck-sync-key,
 * lost-echoes}); {@code Code} is the 5xx
 * status, the Ret/retcode or the selector, as the fault needs. {@code Times} absent: every matching request.
 */
final class FaultControl {
    static final String PATH = ControlApi.PREFIX + "faults";

    private final FaultPlan plan;

    FaultControl(FaultPlan plan) {
        this.plan = plan;
    }

    void handle(Exchange ex) {
        String rest = ex.path().substring(PATH.length());
        boolean post = ex.method().equals("POST");
        JsonNode body = JsonBodies.parseObject(ex.body()).orElse(null);
        try {
            if (body == null) {
                ex.reply(error(400, "body is not a JSON object"));
            } else if (rest.isEmpty() && post) {
                ex.reply(ok(Map.of("Rule", add(body))));
            } else if (rest.isEmpty()) {
                ex.reply(ok(describe()));
            } else if (rest.equals("/clear") && post) {
                plan.clearRules();
                ex.reply(ok(Map.of()));
            } else if (rest.matches("/\\d{1,18}/remove") && post) {
                boolean removed = plan.remove(Long.parseLong(rest.substring(1, rest.indexOf('/', 1))));
                ex.reply(removed ? ok(Map.of()) : error(404, "no such rule"));
            } else {
                ex.reply(error(404, "unknown fault path"));
            }
        } catch (IllegalArgumentException e) {
            ex.reply(error(400, e.getMessage()));
        }
    }

    private long add(JsonNode body) {
        String endpoint = JsonBodies.scalarText(body, "Endpoint");
        String fault = JsonBodies.scalarText(body, "Fault");
        if (endpoint == null || fault == null) {
            throw new IllegalArgumentException("missing Endpoint or Fault");
        }
        FaultKind kind = FaultKind.fromWireName(fault);
        int times = JsonBodies.scalarInt(body, "Times", FaultRule.UNLIMITED);
        double probability = body.path("Probability").isNumber() ? body.path("Probability").asDouble() : 1.0;
        int skip = JsonBodies.scalarInt(body, "Skip", 0);
        Duration delay = Duration.ofMillis(Math.max(0, JsonBodies.scalarInt(body, "DelayMillis", 0)));
        int code = JsonBodies.scalarInt(body, "Code", defaultCode(kind));
        validate(kind, code);
        return plan.add(endpoint, kind, delay, code, times, probability, skip);
    }

    private static int defaultCode(FaultKind kind) {
        return switch (kind) {
            case SERVER_ERROR -> 503;
            case LOGOUT -> 1101;
            case RET -> 1205;
            case STUCK_SELECTOR -> 3;
            case BANNED -> 1203;
            case KICKED -> 1101;
            default -> 0;
        };
    }

    private static void validate(FaultKind kind, int code) {
        boolean ok = switch (kind) {
            case SERVER_ERROR -> code >= 500 && code <= 599;
            case LOGOUT -> code == 1100 || code == 1101 || code == 1102;
            case STUCK_SELECTOR -> code >= 1 && code <= 9;
            default -> true;
        };
        if (!ok) {
            throw new IllegalArgumentException("Code " + code + " does not fit fault " + kind.wireName());
        }
    }

    private Map<String, Object> describe() {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("Seed", plan.seed());
        out.put("Rules", plan.rules().stream().map(rule -> {
            Map<String, Object> view = new LinkedHashMap<>();
            view.put("Rule", rule.id());
            view.put("Endpoint", rule.endpoint());
            view.put("Fault", rule.kind().wireName());
            view.put("Remaining", rule.remaining());
            view.put("Probability", rule.probability());
            view.put("DelayMillis", rule.delay().toMillis());
            view.put("Code", rule.code());
            return view;
        }).toList());
        List<FiredFault> fired = plan.fired();
        out.put("Fired", fired.stream().map(fault -> {
            Map<String, Object> view = new LinkedHashMap<>();
            view.put("Sequence", fault.sequence());
            view.put("Time", fault.time().toString());
            view.put("Endpoint", fault.endpoint());
            view.put("Fault", fault.kind().wireName());
            view.put("Rule", fault.rule());
            view.put("Detail", fault.detail());
            return view;
        }).toList());
        return out;
    }

    private static Reply ok(Object value) {
        return new Reply(200, "application/json", List.of(), JsonBodies.write(value), false);
    }

    private static Reply error(int status, String message) {
        return new Reply(status, "application/json", List.of(),
                JsonBodies.write(Map.of("error", message == null ? "" : message)), false);
    }
}
