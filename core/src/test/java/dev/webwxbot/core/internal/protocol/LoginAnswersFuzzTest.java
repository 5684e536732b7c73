package dev.webwxbot.core.internal.protocol;

import ch.qos.logback.classic.Level;
import dev.webwxbot.testsupport.CapturedLogs;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * The script and XML answers of login and synccheck ({@code window.QRLogin…}, {@code window.code=…},
 * webwxnewloginpage's {@code <error>}, {@code window.synccheck=…}) give a value or the typed failure their caller
 * handles ({@link MalformedResponseException}, or {@link LoginRefusedException} for a refused login), for any text.
 * Byte 0 picks the reader, the rest is the body as UTF-8. Seeded with the corpus's {@code http/} exchanges.
 */
class LoginAnswersFuzzTest {

    @FuzzTest
    void everyLoginOrSyncCheckAnswerIsAValueOrATypedFailure(byte[] input) {
        // Garbage is answered with a WARN by design (logged once, the session goes on): allowed, never an ERROR.
        try (CapturedLogs warnings = CapturedLogs.attach().allow(Level.WARN, "(?s).*")) {
            everyLoginOrSyncCheckAnswerIsAValueOrATypedFailureChecked(input);
        }
    }

    private void everyLoginOrSyncCheckAnswerIsAValueOrATypedFailureChecked(byte[] input) {
        if (input.length == 0) return;
        String body = new String(Arrays.copyOfRange(input, 1, input.length), StandardCharsets.UTF_8);
        try {
            Object value = switch (input[0] & 3) {
                case 0 -> SessionCalls.parseSyncCheck(200, body);
                case 1 -> LoginCalls.parseUuid(200, body);
                case 2 -> LoginCalls.parsePoll(body);
                default -> LoginCalls.parseLoginPage("wx2.qq.com", 200, body);
            };
            assertNotNull(value);
        } catch (MalformedResponseException | LoginRefusedException expected) {
            // the documented failures; anything else fails the fuzz test
        }
    }
}
