package dev.webwxbot.server.alert;

import jakarta.mail.Authenticator;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.PasswordAuthentication;
import jakarta.mail.Session;
import jakarta.mail.Transport;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import java.time.Instant;
import java.util.Date;
import java.util.Properties;

/**
 * Sends one alert as a plain-text email through the configured SMTP server, with Jakarta Mail's reference
 * implementation (Eclipse Angus Mail): STARTTLS (required when configured, so the password never crosses in clear),
 * TLS from the first byte, and AUTH when a user is set. Blocks for up to the timeout; called on a virtual thread.
 * Stateless.
 */
final class EmailChannel {

    private EmailChannel() {
    }

    static void send(AlertSettings.Email email, String subject, String body, Instant time) throws MessagingException {
        Properties props = new Properties();
        String protocol = email.ssl() ? "smtps" : "smtp";
        String prefix = "mail." + protocol + ".";
        props.put("mail.transport.protocol", protocol);
        props.put(prefix + "host", email.host());
        props.put(prefix + "port", Integer.toString(email.port()));
        props.put(prefix + "connectiontimeout", Long.toString(email.timeout().toMillis()));
        props.put(prefix + "timeout", Long.toString(email.timeout().toMillis()));
        props.put(prefix + "writetimeout", Long.toString(email.timeout().toMillis()));
        props.put(prefix + "auth", Boolean.toString(!email.user().isEmpty()));
        if (email.starttls() && !email.ssl()) {
            props.put(prefix + "starttls.enable", "true");
            props.put(prefix + "starttls.required", "true");
        }
        if (email.ssl() || email.starttls()) props.put(prefix + "ssl.checkserveridentity", "true");
        Authenticator auth = email.user().isEmpty() ? null : new Authenticator() {
            @Override
            protected PasswordAuthentication getPasswordAuthentication() {
                return new PasswordAuthentication(email.user(), email.password());
            }
        };
        Session session = Session.getInstance(props, auth);
        MimeMessage message = new MimeMessage(session);
        message.setFrom(new InternetAddress(email.from(), true));
        for (String to : email.to()) message.addRecipient(Message.RecipientType.TO, new InternetAddress(to, true));
        message.setSubject(subject, "UTF-8");
        message.setText(body, "UTF-8");
        message.setSentDate(Date.from(time));
        Transport.send(message);
    }
}
