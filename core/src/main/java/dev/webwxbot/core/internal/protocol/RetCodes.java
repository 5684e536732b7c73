package dev.webwxbot.core.internal.protocol;

/** The meanings of {@code Ret} and {@code retcode} values (PROTOCOL.md 11.1). */
public final class RetCodes {

    public static final int OK = 0;
    public static final int SESSION_GONE = 1100;
    public static final int SESSION_INVALID = 1101;
    public static final int COOKIES_INVALID = 1102;
    public static final int LOGIN_FORBIDDEN = 1203;
    public static final int NOT_A_FRIEND = 1204;
    public static final int TOO_FREQUENT = 1205;

    private RetCodes() {
    }

    public static boolean isSessionOver(int code) {
        return code == SESSION_GONE || code == SESSION_INVALID || code == COOKIES_INVALID;
    }

    public static String describe(int code) {
        return switch (code) {
            case OK -> "ok";
            case -1 -> "system error";
            case -2 -> "logic error";
            case -14 -> "ticket error";
            case 1 -> "parameter error or no permission";
            case SESSION_GONE -> "session does not exist or was logged out from the phone";
            case SESSION_INVALID -> "session invalid: logged in elsewhere or expired";
            case COOKIES_INVALID -> "cookies invalid or missing";
            case 1200 -> "request could not be parsed";
            case 1201 -> "group no longer exists";
            case LOGIN_FORBIDDEN -> "web login forbidden for this account";
            case NOT_A_FRIEND -> "recipient is not a friend";
            case TOO_FREQUENT -> "operating too frequently";
            default -> "unknown code";
        };
    }
}
