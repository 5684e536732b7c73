package dev.webwxbot.launcher.emulator;

import dev.webwxbot.emulator.Account;
import dev.webwxbot.emulator.Contact;
import dev.webwxbot.emulator.ContactKind;
import dev.webwxbot.emulator.Emulator;
import dev.webwxbot.emulator.EmulatorTimeoutException;
import dev.webwxbot.safeoutput.TerminalText;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Map;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Consumer;

/**
 * What {@code webwx-bot emulator} prints about its world: each account's uin, nickname and login state, its
 * friends and groups with their ids (the permanent wxid, and the UserName a client sees while a session is live),
 * and ready-to-paste {@code curl} lines for the control API (docs/emulator.md). Every name is cleaned through
 * {@link TerminalText}. Stateless; thread-safe.
 */
public final class WorldReport {

    /** The text of a QR code (PROTOCOL.md §2.2): what a phone scans. */
    static final String QR_CONTENT = "https://login.weixin.qq.com/l/";

    private final Emulator emulator;
    private final String curl;

    /**
     * @param curlOptions what curl needs to reach the emulator, e.g. {@code --cacert ca.pem} with TLS ({@code ""}
     *                    over plain HTTP)
     */
    public WorldReport(Emulator emulator, String curlOptions) {
        this.emulator = emulator;
        this.curl = "curl -s " + (curlOptions.isEmpty() ? "" : curlOptions + " ");
    }

    /** The whole report: every account, then the curl examples for the first one. */
    public List<String> lines() {
        List<String> out = new ArrayList<>();
        List<Account> accounts = emulator.accounts();
        for (Account account : accounts) {
            out.addAll(account(account));
        }
        out.addAll(login());
        if (!accounts.isEmpty()) out.addAll(curlExamples(accounts.getFirst()));
        return out;
    }

    /** One account: identity, state, and each friend, group (with members) and official account. */
    List<String> account(Account account) {
        List<String> out = new ArrayList<>();
        String userName = account.userName();
        out.add("[world] account " + TerminalText.clean(account.nickName()) + "  uin " + account.uin() + "  wxid "
                + TerminalText.clean(account.wxid()) + "  " + (userName == null
                ? "offline (UserNames below once a client logs in)" : "online as " + TerminalText.clean(userName)));
        for (Contact contact : account.contacts()) {
            if (contact.kind() == ContactKind.SPECIAL) continue;
            out.add("[world]   " + String.format(Locale.ROOT, "%-8s", kind(contact.kind())) + " "
                    + TerminalText.clean(contact.nickName()) + "  id " + TerminalText.clean(contact.wxid())
                    + userName(contact));
            if (contact.kind() == ContactKind.GROUP) {
                for (Contact member : contact.members()) {
                    out.add("[world]            member " + TerminalText.clean(member.nickName()) + "  id "
                            + TerminalText.clean(member.wxid()) + userName(member));
                }
            }
        }
        return out;
    }

    /** The QR code waiting to be scanned, or how to get one. */
    List<String> login() {
        String base = emulator.baseUrl();
        return Optional.ofNullable(waitingQr()).map(this::qr).orElse(List.of("[login] no QR code yet: point a client"
                + " at " + base + " (e.g. ./webwx-bot run --server " + base + "); its QR code shows here"));
    }

    /** A QR code a client shows: what it encodes and where its image is. */
    List<String> qr(String uuid) {
        return List.of("[login] QR code " + TerminalText.clean(uuid) + ": " + QR_CONTENT + TerminalText.clean(uuid),
                "[login]   image: " + curl + "-H 'Host: login.weixin.qq.com' " + emulator.baseUrl() + "/qrcode/"
                        + TerminalText.clean(uuid) + " -o qr.jpg");
    }

    /** curl lines for the control API, filled in with {@code account}'s uin and its first friend's wxid. */
    List<String> curlExamples(Account account) {
        String api = emulator.baseUrl() + "/__emulator";
        String uin = api + "/accounts/" + account.uin();
        Contact friend = account.contacts().stream().filter(c -> c.kind() == ContactKind.FRIEND).findFirst()
                .orElse(account.fileHelper());
        String who = uin + "/contacts/" + TerminalText.clean(friend.wxid());
        String json = "-H 'Content-Type: application/json' ";
        List<String> out = new ArrayList<>();
        out.add("[curl] the control API (every route and field: docs/emulator.md, " + api + "/openapi.yaml):");
        out.add("[curl] " + curl + api + "/accounts");
        out.add("[curl] " + curl + "-X POST " + uin + "/scan && " + curl + "-X POST " + uin + "/confirm");
        out.add("[curl] " + curl + json + "-d '{\"Kind\":\"text\",\"Text\":\"hello\"}' " + who + "/message");
        account.contacts().stream().filter(c -> c.kind() == ContactKind.GROUP && !c.members().isEmpty()).findFirst()
                .ifPresent(group -> out.add("[curl] an @-mention of the account in a group is Kind mention with Names"
                        + " (a Kind text containing @" + TerminalText.clean(account.nickName()) + " is sent as plain"
                        + " text, and the answer carries a Warning):"));
        account.contacts().stream().filter(c -> c.kind() == ContactKind.GROUP && !c.members().isEmpty()).findFirst()
                .ifPresent(group -> out.add("[curl] " + curl + json + "-d '{\"Kind\":\"mention\",\"Names\":[\""
                        + jsonText(account.nickName()) + "\"],\"Text\":\"hi\",\"Group\":\"" + jsonText(group.wxid())
                        + "\"}' " + uin + "/contacts/" + TerminalText.clean(group.members().getFirst().wxid()) + "/message"));
        out.add("[curl] " + curl + json + "-d '{\"MsgId\":\"MSGID\"}' " + who + "/revoke");
        out.add("[curl] " + curl + json + "-d '{\"NickName\":\"Carol\",\"Greeting\":\"hi, I am Carol\"}' " + uin
                + "/friend-requests");
        out.add("[curl] " + curl + "-X POST " + uin + "/logout");
        return out;
    }

    /**
     * Prints each new QR code once, and an account's contacts with their UserNames whenever a session of it comes
     * online (they change at every login), on a virtual thread, until the returned handle is closed.
     */
    public AutoCloseable watch(Consumer<String> out) {
        AtomicBoolean stopped = new AtomicBoolean();
        Thread watcher = Thread.ofVirtual().name("emulator-world-watch").start(() -> {
            String lastQr = null;
            Map<Long, String> online = new HashMap<>();
            while (!stopped.get()) {
                String uuid;
                try {
                    uuid = emulator.awaitQrUuid(Duration.ofSeconds(1));
                } catch (EmulatorTimeoutException e) {
                    uuid = null; // none waiting; awaitQrUuid has waited a second already
                }
                boolean fresh = uuid != null && !uuid.equals(lastQr);
                if (fresh) {
                    lastQr = uuid;
                    qr(uuid).forEach(out);
                }
                for (Account account : emulator.accounts()) {
                    String userName = account.userName();
                    if (userName == null) {
                        online.remove(account.uin());
                    } else if (!userName.equals(online.put(account.uin(), userName))) {
                        account(account).forEach(out);
                    }
                }
                // The same QR code still waits: awaitQrUuid would answer at once, so look again a moment later.
                if (uuid != null && !fresh) LockSupport.parkNanos(500_000_000L);
            }
        });
        return () -> {
            stopped.set(true);
            LockSupport.unpark(watcher);
        };
    }

    private String waitingQr() {
        try {
            return emulator.awaitQrUuid(Duration.ZERO);
        } catch (EmulatorTimeoutException e) {
            return null;
        }
    }

    /** Text inside a JSON string inside a single-quoted shell word: names that need escaping print as "…". */
    private static String jsonText(String text) {
        return text.matches("[\\p{L}\\p{N} _.@-]*") ? TerminalText.clean(text) : "…";
    }

    private static String userName(Contact contact) {
        String userName = contact.userName();
        return userName == null ? "" : "  UserName " + TerminalText.clean(userName);
    }

    private static String kind(ContactKind kind) {
        return switch (kind) {
            case FRIEND -> "friend";
            case GROUP -> "group";
            case OFFICIAL_ACCOUNT -> "official";
            case STRANGER -> "stranger";
            case SPECIAL -> "special";
        };
    }
}
