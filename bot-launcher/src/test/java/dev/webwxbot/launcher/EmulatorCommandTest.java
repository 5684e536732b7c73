package dev.webwxbot.launcher;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** {@code webwx-bot emulator --scenario …} as an operator runs it: it prints what the script does. */
class EmulatorCommandTest {

    @Test
    void scenarioFileRunsStandaloneAndPrintsEachStep(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("offline.conf");
        Files.writeString(file, """
                name = offline
                accounts = [ { id = bot, nickname = Bot, friends = [ { id = alice, nickname = "Alice\\u001b[31m" } ] } ]
                script = [
                  { do = send, from = alice, kind = text, text = "hello" }
                  { delay = 10ms, do = modify-contact, contact = alice, remark = Ali }
                ]
                """);
        Run run = run("emulator", "--port", "0", "--scenario", file.toString(), "--exit-when-done");
        assertEquals(0, run.exit, run.out + run.err);
        assertTrue(run.out.contains("[scenario] offline:  (2 steps)"), run.out);
        assertTrue(run.out.contains("[scenario] step 1/2 (line 4): Alice\uFFFD[31m sends text to Bot: \"hello\""), run.out);
        assertTrue(run.out.contains("[chat] Alice\uFFFD[31m → Bot: hello"), run.out);
        assertTrue(run.out.contains("[scenario] scenario offline finished (2 steps)"), run.out);
    }

    @Test
    void invalidScenarioPrintsEveryProblemAndStartsNothing(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("bad.conf");
        Files.writeString(file, """
                accounts = [ { id = bot, nickname = Bot } ]
                script = [ { do = send, from = nobody, kind = text, text = hi }, { do = fly } ]
                """);
        Run run = run("emulator", "--port", "0", "--scenario", file.toString(), "--exit-when-done");
        assertEquals(Main.CONFIGURATION_ERROR, run.exit, run.out + run.err);
        assertTrue(run.err.contains("invalid scenario: 2 problem(s)"), run.err);
        assertTrue(run.err.contains("bad.conf:2: script[0].from: unknown contact \"nobody\""), run.err);
        assertTrue(run.out.isEmpty(), "nothing started: " + run.out);
    }

    @Test
    void defaultWorldIsPrintedWithIdsLoginHintAndCurlLines() {
        Run run = run("emulator", "--port", "0", "--no-console", "--exit-when-done");
        assertEquals(0, run.exit, run.out + run.err);
        assertTrue(run.out.matches("(?s).*\\[world\\] account webwx-bot  uin \\d+  wxid wxid_\\w+  offline.*"), run.out);
        assertTrue(run.out.matches("(?s).*\\[world\\]   friend   Alice  id wxid_\\w+\n.*"), run.out);
        assertTrue(run.out.matches("(?s).*\\[world\\]   group    Weekend hikers  id \\d+@chatroom\n"
                + "\\[world\\]            member Alice  id wxid_.*"), run.out);
        assertTrue(run.out.contains("[login] no QR code yet: point a client at http://127.0.0.1:"), run.out);
        assertTrue(run.out.matches("(?s).*\\[curl\\] curl -s -H 'Content-Type: application/json' -d "
                + "'\\{\"Kind\":\"text\",\"Text\":\"hello\"\\}' http://127\\.0\\.0\\.1:\\d+/__emulator/accounts/\\d+"
                + "/contacts/wxid_\\w+/message\n.*"), run.out);
        assertTrue(run.out.contains("[curl] an @-mention of the account in a group is Kind mention with Names (a Kind"
                + " text containing @webwx-bot is sent as plain text, and the answer carries a Warning):\n[curl] curl"
                + " -s -H 'Content-Type: application/json' -d '{\"Kind\":\"mention\",\"Names\":[\"webwx-bot\"]"), run.out);
        assertTrue(run.out.contains("/revoke"), run.out);
        assertTrue(run.out.contains("/friend-requests"), run.out);
        assertTrue(run.out.contains("/logout"), run.out);
    }

    @Test
    void chatterRejectsAnUnknownKindSet() {
        Run run = run("emulator", "--port", "0", "--no-console", "--chatter", "5", "--chatter-kinds", "some",
                "--exit-when-done");
        assertTrue(run.exit != 0, run.out + run.err);
        assertTrue(run.err.contains("--chatter-kinds is text or all"), run.err);
    }

    @Test
    void unknownScenarioNameListsTheBundledOnes() {
        Run run = run("emulator", "--port", "0", "--scenario", "no-such-scenario", "--exit-when-done");
        assertEquals(Main.CONFIGURATION_ERROR, run.exit);
        assertTrue(run.err.contains("bundled: demo, every-kind"), run.err);
    }

    @Test
    void httpsWritesTheGeneratedCaCertificate(@TempDir Path dir) throws Exception {
        Path ca = dir.resolve("ca.pem");
        Run run = run("emulator", "--port", "0", "--https", "--ca-out", ca.toString(), "--exit-when-done");
        assertEquals(0, run.exit, run.out + run.err);
        assertTrue(run.out.contains("listening on https://127.0.0.1:"), run.out);
        X509Certificate certificate = (X509Certificate) CertificateFactory.getInstance("X.509")
                .generateCertificate(new ByteArrayInputStream(Files.readAllBytes(ca)));
        assertTrue(certificate.getBasicConstraints() >= 0, "a CA certificate");
    }

    private record Run(int exit, String out, String err) {
    }

    private static Run run(String... args) {
        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        StringWriter err = new StringWriter();
        PrintStream original = System.out;
        int exit;
        System.setOut(new PrintStream(captured, true, StandardCharsets.UTF_8));
        try {
            CommandLine commandLine = Main.commandLine();
            commandLine.setErr(new PrintWriter(err, true));
            exit = commandLine.execute(args);
        } finally {
            System.setOut(original);
        }
        return new Run(exit, captured.toString(StandardCharsets.UTF_8), err.toString());
    }
}
