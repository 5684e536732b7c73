package dev.webwxbot.core;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.webwxbot.api.Bot;
import dev.webwxbot.api.ContactKind;
import dev.webwxbot.emulator.Account;
import dev.webwxbot.emulator.Contact;
import dev.webwxbot.testsupport.Await;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * {@code bot.contacts().find} on a session online against the emulator finds the people issue 17 could not: by part
 * of a name in any case, a group by a word of its name, {@code filehelper}, a group member who is no friend by
 * nickname, Chinese names by pinyin the server does not send; ranked, with {@code findExact} staying exact.
 */
class ContactSearchEndToEndTest {

    private EmulatorWorld world;
    private Contact alice;
    private Contact aliceWong;
    private Contact zhangSan;
    private Contact carol;
    private Contact liSi;
    private Contact hikers;
    private Bot bot;

    @BeforeEach
    void online() throws Exception {
        world = EmulatorWorld.start();
        Account account = world.account;
        aliceWong = account.addFriend("Alice Wong");
        alice = account.addFriend("Alice");
        zhangSan = account.addFriend("张三");
        carol = account.addStranger("Carol");
        liSi = account.addStranger("李四");
        hikers = account.addGroup("Weekend hikers", alice, carol, liSi);
        hikers.setMemberDisplayName(carol, "Trail boss");
        bot = PhoneLogin.online(world.client, SessionOptions.defaults(), new PhoneLogin(account)).bot();
    }

    @AfterEach
    void stop() {
        world.close();
    }

    @Test
    void theNamesThatFoundNobodyBeforeFindTheirContacts() {
        assertEquals(List.of(alice.userName(), aliceWong.userName()), ids(bot.contacts().find("alice")),
                "the exact name first, then the one it starts");
        assertEquals(List.of(hikers.userName()), ids(bot.contacts().find("Weekend")));
        assertEquals(List.of("filehelper"), ids(bot.contacts().find("filehelper")));
        assertEquals(List.of("filehelper"), ids(bot.contacts().find("文件传输助手")));
        List<dev.webwxbot.api.Contact> byNickname = bot.contacts().find("Carol");
        assertEquals(List.of(carol.userName()), ids(byNickname), "a member who is no friend, by nickname");
        assertEquals(ContactKind.STRANGER, byNickname.getFirst().kind());
        assertEquals(List.of(carol.userName()), ids(bot.contacts().find("trail boss")), "and by in-group name");
    }

    @Test
    void pinyinFindsChineseNamesTheEmulatorSendsNoPinyinFor() {
        assertEquals(List.of(zhangSan.userName()), ids(bot.contacts().find("zhangsan")));
        assertEquals(List.of(zhangSan.userName(), "filehelper"), ids(bot.contacts().find("zs")),
                "张三 from its first syllable, 文件传输助手 from 助手; then in the order of the names");
        assertEquals(List.of(liSi.userName()), ids(bot.contacts().find("lisi")), "a member who is no friend");
    }

    @Test
    void aNameChangedWhileOnlineIsFoundByItsNewNameAndItsPinyin() {
        zhangSan.modify("王小明", "Ming");
        Await.until(() -> ids(bot.contacts().find("wxm")).equals(List.of(zhangSan.userName())),
                "the new nickname by pinyin, though ModContactList carries none");
        assertEquals(List.of(zhangSan.userName()), ids(bot.contacts().find("ming")));
        assertEquals(List.of(), ids(bot.contacts().find("zhangsan")), "the old name is gone");
    }

    @Test
    void findExactStaysExact() {
        assertEquals(List.of(alice.userName()), ids(bot.contacts().findExact("Alice")));
        assertEquals(List.of(), ids(bot.contacts().findExact("Weekend")));
        assertEquals(List.of(), ids(bot.contacts().findExact("zs")));
    }

    private static List<String> ids(List<dev.webwxbot.api.Contact> contacts) {
        return contacts.stream().map(dev.webwxbot.api.Contact::userName).toList();
    }
}
