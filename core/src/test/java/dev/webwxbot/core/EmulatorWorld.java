package dev.webwxbot.core;

import dev.webwxbot.emulator.Account;
import dev.webwxbot.emulator.Emulator;
import java.net.URI;
import java.time.Duration;
import java.util.function.Consumer;

/**
 * The world most end-to-end tests log in to: an emulator on a free port with short holds (so a long poll costs
 * about a second, not the real 25 s), its account "Bot", and a client pointed at it. Closing it closes both.
 */
public final class EmulatorWorld implements AutoCloseable {

    /** How long the end-to-end tests give a login. */
    public static final Duration LOGIN_WAIT = Duration.ofSeconds(20);

    public final Emulator emulator;
    public final Account account;
    public final WebWxClient client;

    private EmulatorWorld(Emulator emulator) {
        this.emulator = emulator;
        this.account = emulator.addAccount("Bot");
        this.client = WebWxClient.builder().server(URI.create(emulator.baseUrl())).build();
    }

    public static EmulatorWorld start() {
        return start(builder -> {});
    }

    /** With {@code settings} (a seed, a revoke window, a uuid lifetime...) applied on top of the short holds. */
    public static EmulatorWorld start(Consumer<Emulator.Builder> settings) {
        Emulator.Builder builder = Emulator.builder().port(0)
                .loginPollHold(Duration.ofMillis(500)).syncCheckHold(Duration.ofSeconds(1));
        settings.accept(builder);
        return new EmulatorWorld(builder.start());
    }

    /** A new session of the client, logged in by {@code login}'s phone and online. */
    public Session logIn(SessionOptions options, PhoneLogin login) throws Exception {
        return PhoneLogin.online(client, options, login, LOGIN_WAIT);
    }

    @Override
    public void close() {
        client.close();
        emulator.close();
    }
}
