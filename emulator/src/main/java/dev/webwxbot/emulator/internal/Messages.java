package dev.webwxbot.emulator.internal;

/** Builds complete {@code AddMsgList} entries (PROTOCOL.md 9.1): every field present, unused ones empty or 0. */
final class Messages {
    private static final int STATUS_NORMAL = 3;
    private static final int IMG_STATUS_NONE = 1;

    private Messages() {
    }

    static Wire.Message text(long msgId, String from, String to, String content, long createTime) {
        return message(msgId, from, to, 1, content, createTime, 0, "");
    }

    static Wire.Message statusNotify(long msgId, String from, String to, int code, String content,
                                     String statusNotifyUserName, long createTime) {
        return message(msgId, from, to, 51, content, createTime, code, statusNotifyUserName);
    }

    private static Wire.Message message(long msgId, String from, String to, int type, String content,
                                        long createTime, int statusNotifyCode, String statusNotifyUserName) {
        return new Wire.Message(Long.toString(msgId), from, to, type, content, STATUS_NORMAL, IMG_STATUS_NONE,
                createTime, 0, 0, "", "", "", "", 0, statusNotifyCode, statusNotifyUserName,
                Wire.RecommendInfo.EMPTY, 0, Wire.AppInfo.EMPTY, 0, "", 0, 0, 0, msgId, "", "");
    }
}
