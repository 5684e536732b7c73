package dev.webwxbot.core.internal.message;

import dev.webwxbot.api.event.SystemNotice.Kind;
import java.util.List;
import java.util.regex.Pattern;

/** Classifies a grey system line ({@code MsgType 10000}) by the zh_CN / en texts of PROTOCOL.md 9.5.11. */
final class SystemNoticeClassifier {

    private record Rule(Kind kind, Pattern pattern) {
    }

    /** First match wins; removals come before joins so "removed … from the group chat" is never a join. */
    private static final List<Rule> RULES = List.of(
            rule(Kind.RED_PACKET, "收到红包|发出红包|red packet"),
            rule(Kind.FRIEND_ADDED, "^你已添加了.+，现在可以开始聊天了"
                    + "|刚刚把你添加到通讯录，现在可以开始聊天了"
                    + "|^You have added .+ as your WeChat contact"
                    + "|just added you to (his/her|your) contacts list"),
            rule(Kind.GROUP_MEMBER_REMOVED, "移出了群聊|^你被.+移出群聊"
                    + "|^You removed .+ from the group chat|^You were removed from the group chat"),
            rule(Kind.GROUP_RENAMED, "修改群名为|changed the group name to"),
            rule(Kind.GROUP_MEMBER_JOINED, "邀请.+加入了群聊|通过扫描.+二维码加入群聊"
                    + "|invited .+ to (the|your) group chat|joined the group chat via the QR Code"));

    private SystemNoticeClassifier() {
    }

    static Kind classify(String text) {
        for (Rule rule : RULES) {
            if (rule.pattern().matcher(text).find()) return rule.kind();
        }
        return Kind.OTHER;
    }

    private static Rule rule(Kind kind, String regex) {
        return new Rule(kind, Pattern.compile(regex, Pattern.CASE_INSENSITIVE));
    }
}
