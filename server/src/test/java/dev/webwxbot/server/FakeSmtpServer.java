package dev.webwxbot.server;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * A small SMTP server on a loopback port (RFC 5321's plain dialogue, AUTH PLAIN and LOGIN accepted), keeping what
 * each client sent: the envelope, the AUTH lines and the message. No STARTTLS. Thread-safe.
 */
final class FakeSmtpServer implements AutoCloseable {

    /** One mail as it arrived: the envelope, the credentials' AUTH line (base64, as sent) and the DATA text. */
    record Mail(String from, List<String> to, List<String> auth, String data) {
    }

    private final ServerSocket socket;
    private final BlockingQueue<Mail> mails = new LinkedBlockingQueue<>();
    private final Thread acceptor;

    FakeSmtpServer() throws IOException {
        socket = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        acceptor = Thread.startVirtualThread(() -> {
            while (!socket.isClosed()) {
                try {
                    Socket client = socket.accept();
                    Thread.startVirtualThread(() -> serve(client));
                } catch (IOException closed) {
                    return;
                }
            }
        });
    }

    int port() {
        return socket.getLocalPort();
    }

    Mail await(Duration timeout) throws InterruptedException {
        Mail mail = mails.poll(timeout.toMillis(), TimeUnit.MILLISECONDS);
        if (mail == null) throw new AssertionError("no mail within " + timeout);
        return mail;
    }

    /** The next mail if one comes within {@code wait}, else null. */
    Mail poll(Duration wait) throws InterruptedException {
        return mails.poll(wait.toMillis(), TimeUnit.MILLISECONDS);
    }

    private void serve(Socket client) {
        try (client; var in = new BufferedReader(new InputStreamReader(client.getInputStream(), StandardCharsets.UTF_8));
             OutputStream out = client.getOutputStream()) {
            reply(out, "220 fake.smtp ESMTP");
            String from = "";
            List<String> to = new ArrayList<>();
            List<String> auth = new ArrayList<>();
            String line;
            while ((line = in.readLine()) != null) {
                String upper = line.toUpperCase();
                if (upper.startsWith("EHLO")) {
                    reply(out, "250-fake.smtp\r\n250-AUTH PLAIN LOGIN\r\n250 8BITMIME");
                } else if (upper.startsWith("HELO")) {
                    reply(out, "250 fake.smtp");
                } else if (upper.startsWith("AUTH PLAIN")) {
                    String rest = line.substring("AUTH PLAIN".length()).strip();
                    if (rest.isEmpty()) {
                        reply(out, "334 ");
                        rest = in.readLine();
                    }
                    auth.add(rest);
                    reply(out, "235 2.7.0 accepted");
                } else if (upper.startsWith("AUTH LOGIN")) {
                    reply(out, "334 VXNlcm5hbWU6");
                    auth.add(in.readLine());
                    reply(out, "334 UGFzc3dvcmQ6");
                    auth.add(in.readLine());
                    reply(out, "235 2.7.0 accepted");
                } else if (upper.startsWith("MAIL FROM:")) {
                    from = line.substring(10).strip();
                    reply(out, "250 ok");
                } else if (upper.startsWith("RCPT TO:")) {
                    to.add(line.substring(8).strip());
                    reply(out, "250 ok");
                } else if (upper.equals("DATA")) {
                    reply(out, "354 end with .");
                    StringBuilder data = new StringBuilder();
                    String part;
                    while ((part = in.readLine()) != null && !part.equals(".")) {
                        data.append(part.startsWith("..") ? part.substring(1) : part).append('\n');
                    }
                    mails.add(new Mail(from, List.copyOf(to), List.copyOf(auth), data.toString()));
                    to.clear();
                    reply(out, "250 queued");
                } else if (upper.equals("QUIT")) {
                    reply(out, "221 bye");
                    return;
                } else {
                    reply(out, "250 ok");
                }
            }
        } catch (IOException e) {
            // the client went away
        }
    }

    private static void reply(OutputStream out, String text) throws IOException {
        out.write((text + "\r\n").getBytes(StandardCharsets.UTF_8));
        out.flush();
    }

    @Override
    public void close() throws IOException {
        socket.close();
        acceptor.interrupt();
    }
}
