package dev.webwxbot.core.internal.message;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.webwxbot.api.event.SystemNotice.Kind;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class SystemNoticeClassifierTest {

    @ParameterizedTest(name = "{1}: {0}")
    @CsvSource(delimiter = '|', textBlock = """
            收到红包，请在手机上查看                                                  | RED_PACKET
            发出红包，请在手机上查看                                                  | RED_PACKET
            你已添加了Alice，现在可以开始聊天了。                                      | FRIEND_ADDED
            Alice刚刚把你添加到通讯录，现在可以开始聊天了。                             | FRIEND_ADDED
            You have added Alice as your WeChat contact. Start chatting!            | FRIEND_ADDED
            Alice just added you to his/her contacts list. Send a message to him/her now! | FRIEND_ADDED
            "Alice"邀请"Bob"加入了群聊                                               | GROUP_MEMBER_JOINED
            你邀请"Bob"加入了群聊                                                    | GROUP_MEMBER_JOINED
            Alice invited Bob to the group chat                                     | GROUP_MEMBER_JOINED
            You invited 赵剑鹏 to the group chat.                                    | GROUP_MEMBER_JOINED
            "Bob"通过扫描"Alice"分享的二维码加入群聊                                    | GROUP_MEMBER_JOINED
            " Bob"通过扫描你分享的二维码加入群聊                                        | GROUP_MEMBER_JOINED
            "Bob" joined the group chat via the QR Code shared by "Alice".          | GROUP_MEMBER_JOINED
            你将"Bob"移出了群聊                                                      | GROUP_MEMBER_REMOVED
            你被"Alice"移出群聊                                                      | GROUP_MEMBER_REMOVED
            You removed "Bob" from the group chat                                   | GROUP_MEMBER_REMOVED
            You were removed from the group chat by "Alice"                         | GROUP_MEMBER_REMOVED
            "Alice"修改群名为“周末”                                                   | GROUP_RENAMED
            你修改群名为“周末”                                                        | GROUP_RENAMED
            "Alice" changed the group name to "Weekend"                             | GROUP_RENAMED
            位置共享已经结束                                                          | OTHER
            群收款消息，请在手机上查看                                                  | OTHER
            "Alice" 拍了拍 "Bob"                                                      | OTHER
            如果陌生人主动添加你为朋友，请谨慎核实对方身份。                                 | OTHER
            """)
    void systemLineIsClassifiedByItsZhOrEnPattern(String text, Kind kind) {
        assertEquals(kind, SystemNoticeClassifier.classify(text));
    }
}
