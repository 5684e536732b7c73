package dev.webwxbot.testsupport;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class LogRecordsTest {

    @Test
    void aReportedLineCannotForgeLinesOrReorderTheReport() {
        assertEquals("evil\\u000A12:00 ERROR forged\\u202Ename\\u200B 😀 中文",
                LogRecords.escaped("evil\n12:00 ERROR forged\u202Ename\u200B 😀 中文"));
    }
}
