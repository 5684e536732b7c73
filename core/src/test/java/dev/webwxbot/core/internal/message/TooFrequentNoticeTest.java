package dev.webwxbot.core.internal.message;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class TooFrequentNoticeTest {

    @Test
    void recognisesTheFrequencyLimitWordingInChineseAndEnglish() {
        assertTrue(TooFrequentNotice.matches("操作太频繁，请稍后再试。"));
        assertTrue(TooFrequentNotice.matches("你发送消息过于频繁"));
        assertTrue(TooFrequentNotice.matches("发送过于频繁，请稍后再试"));
        assertTrue(TooFrequentNotice.matches("Operations too frequent. Try again later."));
    }

    @Test
    void ordinaryNoticesAreNotMistakenForIt() {
        assertFalse(TooFrequentNotice.matches("你已添加了Alice，现在可以开始聊天了。"));
        assertFalse(TooFrequentNotice.matches("\"A\"邀请\"B\"加入了群聊"));
        assertFalse(TooFrequentNotice.matches("收到红包，请在手机上查看"));
        assertFalse(TooFrequentNotice.matches(null));
    }
}
