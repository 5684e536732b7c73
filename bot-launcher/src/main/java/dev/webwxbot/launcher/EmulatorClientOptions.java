package dev.webwxbot.launcher;

import dev.webwxbot.emulator.Emulator;
import picocli.CommandLine.Option;

/**
 * {@code webwx-bot emulator}'s flags for how clients are served: loopback clients, cookie attributes and
 * webwxnewloginpage's status (the emulator's {@link Emulator.Builder} settings of the same names). The defaults let
 * every client work with no flag: ours with {@code --server}, and third-party clients pointed at
 * {@code http://127.0.0.1:PORT}. A picocli mixin, so the command itself only applies it.
 */
final class EmulatorClientOptions {

    @Option(names = "--loopback-clients", negatable = true, defaultValue = "true", fallbackValue = "true",
            description = "serve requests whose Host is no WeChat host name (e.g. 127.0.0.1:PORT) by their path, and"
                    + " hand such clients this origin instead of WeChat hosts (default: on)")
    boolean loopbackClients = true;

    @Option(names = "--host-only-cookies", negatable = true, defaultValue = "true", fallbackValue = "true",
            description = "set cookies without Domain for loopback clients, whose cookie jars reject Domain=wx.qq.com"
                    + " (default: on; clients naming WeChat hosts always get the real Domain)")
    boolean hostOnlyCookies = true;

    @Option(names = "--secure-cookies", negatable = true, defaultValue = "true", fallbackValue = "true",
            description = "mark cookies Secure over TLS as the real server does (default: on; --no-secure-cookies:"
                    + " never)")
    boolean secureCookies = true;

    @Option(names = "--secure-cookies-over-http",
            description = "mark cookies Secure over plain HTTP too, as the captured lines read (a cookie jar then"
                    + " never sends them back)")
    boolean secureCookiesOverHttp;

    @Option(names = "--desktop-301", negatable = true, defaultValue = "true", fallbackValue = "true",
            description = "answer webwxnewloginpage with 301 (no Location) to clients marked as the desktop client"
                    + " (mod=desktop or the extspam header; wechat4u needs it), 200 to others (default: on)")
    boolean desktop301 = true;

    @Option(names = "--legacy-301",
            description = "answer webwxnewloginpage with 301 (no Location) to every client without version=v2, as the"
                    + " real server historically did")
    boolean legacy301;

    Emulator.Builder applyTo(Emulator.Builder builder) {
        return builder.loopbackClients(loopbackClients).hostOnlyCookies(hostOnlyCookies).secureCookies(secureCookies)
                .secureCookiesOverHttp(secureCookiesOverHttp).newLoginPage301ForDesktop(desktop301)
                .legacy301WithoutVersion(legacy301);
    }
}
