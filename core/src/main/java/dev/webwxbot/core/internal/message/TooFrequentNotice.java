package dev.webwxbot.core.internal.message;

import java.util.regex.Pattern;

/**
 * Recognises a grey system line telling the account it acts too frequently. PROTOCOL.md and the captures hold no
 * such notice (1205 is only documented as a {@code BaseResponse.Ret}); the words matched are those of the 1205
 * description ("操作太频繁", "frequency limit"), kept narrow so that ordinary chat text is never mistaken for one.
 */
public final class TooFrequentNotice {

    private static final Pattern TOO_FREQUENT = Pattern.compile(
            "操作(太|过于)频繁|(发送|消息)(太|过于)频繁|频繁操作|too frequent|too often|frequency limit",
            Pattern.CASE_INSENSITIVE);

    private TooFrequentNotice() {
    }

    public static boolean matches(String noticeText) {
        return noticeText != null && TOO_FREQUENT.matcher(noticeText).find();
    }
}
