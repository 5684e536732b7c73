package dev.webwxbot.emulator.internal;

/**
 * Dispatches a request on its {@code Host} role and path (PROTOCOL.md 1.1). A Host that is no WeChat host name (a
 * loopback client, {@code 127.0.0.1:PORT}) is routed by path alone, since each path belongs to one role; with that
 * off, such hosts answer 404, as do unknown paths.
 */
final class Router {
    private static final String CGI = "/cgi-bin/mmwebwx-bin/";
    private static final String STATUS_NOTIFY_WITHOUT_CGI = "/webwxstatusnotify";

    private final HostDirectory hosts;
    private final LoginEndpoints login;
    private final NewLoginPageEndpoint newLoginPage;
    private final InitEndpoints init;
    private final ContactEndpoints contacts;
    private final SyncEndpoints sync;
    private final SendEndpoint send;
    private final LogoutEndpoint logout;
    private final ControlApi control;
    private final MediaEndpoints media;
    private final RevokeEndpoint revoke;
    private final FaultGate faults;
    private final PushLoginEndpoint pushLogin;
    private final FaultControl faultControl;
    private final MediaSendEndpoints mediaSends;
    private final UploadEndpoints uploads;
    private final AccountEndpoints account;
    private final boolean loopbackClients;

    Router(World world, HostDirectory hosts, dev.webwxbot.emulator.internal.fault.FaultPlan faultPlan) {
        this.hosts = hosts;
        this.loopbackClients = world.settings.loopbackClients();
        SessionAuthenticator authenticator = new SessionAuthenticator(world, hosts);
        this.login = new LoginEndpoints(world);
        this.newLoginPage = new NewLoginPageEndpoint(world);
        this.init = new InitEndpoints(world, authenticator);
        this.contacts = new ContactEndpoints(world, authenticator);
        this.sync = new SyncEndpoints(world, hosts, authenticator);
        this.send = new SendEndpoint(world, authenticator);
        this.logout = new LogoutEndpoint(world);
        this.control = new ControlApi(world);
        this.media = new MediaEndpoints(world, authenticator);
        this.revoke = new RevokeEndpoint(world, authenticator);
        this.faults = new FaultGate(faultPlan, world);
        this.pushLogin = new PushLoginEndpoint(world);
        this.faultControl = new FaultControl(faultPlan);
        this.mediaSends = new MediaSendEndpoints(world, send);
        this.uploads = new UploadEndpoints(world, authenticator);
        this.account = new AccountEndpoints(world, authenticator);
    }

    void route(Exchange ex) {
        String path = ex.path();
        if (path.startsWith(FaultControl.PATH)) {
            faultControl.handle(ex);
            return;
        }
        if (path.startsWith(ControlApi.PREFIX)) {
            control.handle(ex);
            return;
        }
        faults.apply(ex, () -> routeProtocol(ex, path));
    }

    private void routeProtocol(Exchange ex, String path) {
        ex.origin(hosts.originOf(ex, loopbackClients));
        HostDirectory.Role role = hosts.resolve(ex.host()).role();
        if (role == HostDirectory.Role.UNKNOWN && ex.origin().direct()) {
            role = roleOfPath(path);
        } else if (role == HostDirectory.Role.UNKNOWN) {
            ex.reply(Reply.notFound());
            return;
        }
        if (path.equals(CGI + "synccheck")) {
            sync.syncCheck(ex);
            return;
        }
        switch (role) {
            case LOGIN -> routeLogin(ex, path);
            case API -> {
                hsts(ex);
                routeApi(ex, path);
            }
            case FILE -> {
                hsts(ex);
                routeFile(ex, path);
            }
            default -> ex.reply(Reply.notFound());
        }
    }

    /**
     * The API and file hosts send HSTS on every answer in the captures; login and push hosts do not. Not to loopback
     * clients: a browser would pin {@code localhost} to HTTPS for a year.
     */
    private static void hsts(Exchange ex) {
        if (!ex.origin().direct()) {
            ex.addHeaderToAnswer("Strict-Transport-Security", "max-age=31536000 ; includeSubDomains");
        }
    }

    /** The role whose host serves {@code path} (1.1); every path not on the login, file or push host is the API's. */
    static HostDirectory.Role roleOfPath(String path) {
        if (path.equals("/jslogin") || path.startsWith("/qrcode/") || path.startsWith("/l/") || path.equals(CGI + "login")
                || path.equals(STATUS_NOTIFY_WITHOUT_CGI)) {
            return HostDirectory.Role.LOGIN;
        }
        if (path.equals(CGI + "webwxgetmedia") || path.equals(CGI + "webwxuploadmedia")) {
            return HostDirectory.Role.FILE;
        }
        if (path.equals(CGI + "synccheck")) {
            return HostDirectory.Role.PUSH;
        }
        return HostDirectory.Role.API;
    }

    private void routeFile(Exchange ex, String path) {
        if (path.equals(CGI + "webwxgetmedia")) {
            media.media(ex);
        } else if (path.equals(CGI + "webwxuploadmedia")) {
            uploads.upload(ex);
        } else {
            ex.reply(Reply.notFound());
        }
    }

    private void routeLogin(Exchange ex, String path) {
        if (path.equals("/jslogin")) {
            login.jslogin(ex);
        } else if (path.startsWith("/qrcode/")) {
            login.qrCode(ex, path.substring("/qrcode/".length()));
        } else if (path.startsWith("/l/")) {
            login.qrPage(ex, path.substring("/l/".length()));
        } else if (path.equals(CGI + "login")) {
            login.loginPoll(ex);
        } else if (path.equals(STATUS_NOTIFY_WITHOUT_CGI)) {
            // A client variation the issue reports (not in PROTOCOL.md nor client-notes): statusnotify on the login
            // host without the cgi prefix; served as the API host's.
            init.statusNotify(ex);
        } else {
            ex.reply(Reply.notFound());
        }
    }

    /**
     * Avatars behind every {@code HeadImgUrl}: a JPEG derived from the UserName, cacheable as in the captures.
     * Served without checking the session (the real server's checks are unknown).
     */
    private static void avatar(Exchange ex) {
        String userName = ex.query().getIgnoreCase("username");
        if (userName == null || userName.isEmpty()) {
            ex.reply(Reply.notFound());
            return;
        }
        ex.reply(Reply.binary("image/jpeg", Images.avatarJpeg(userName.hashCode()))
                .withHeader("Cache-control", "max-age=604800"));
    }

    private void routeApi(Exchange ex, String path) {
        String endpoint = path.startsWith(CGI) ? path.substring(CGI.length()) : "";
        switch (endpoint) {
            case "webwxnewloginpage" -> newLoginPage.handle(ex);
            case "webwxpushloginurl" -> pushLogin.handle(ex);
            case "webwxinit" -> init.init(ex);
            case "webwxstatusnotify" -> init.statusNotify(ex);
            case "webwxgetcontact" -> contacts.getContact(ex);
            case "webwxbatchgetcontact" -> contacts.batchGetContact(ex);
            case "webwxsync" -> sync.sync(ex);
            case "webwxsendmsg" -> send.sendMsg(ex);
            case "webwxlogout" -> logout.logout(ex);
            case "webwxgeticon", "webwxgetheadimg" -> avatar(ex);
            case "webwxrevokemsg" -> revoke.revoke(ex);
            case "webwxgetmsgimg" -> media.msgImg(ex);
            case "webwxgetvoice" -> media.voice(ex);
            case "webwxgetvideo" -> media.video(ex);
            case "webwxsendmsgimg" -> mediaSends.image(ex);
            case "webwxsendvideomsg" -> mediaSends.video(ex);
            case "webwxsendappmsg" -> mediaSends.appMsg(ex);
            case "webwxsendemoticon" -> mediaSends.emoticon(ex);
            case "webwxcheckupload" -> uploads.checkUpload(ex);
            case "webwxverifyuser" -> account.verifyUser(ex);
            case "webwxoplog" -> account.opLog(ex);
            case "webwxcreatechatroom" -> account.createChatRoom(ex);
            case "webwxupdatechatroom" -> account.updateChatRoom(ex);
            default -> ex.reply(Reply.notFound());
        }
    }
}
