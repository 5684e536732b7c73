package dev.webwxbot.server.account;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import dev.webwxbot.api.Identity;
import dev.webwxbot.core.chain.Permissions;
import java.util.List;
import java.util.Set;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

/** The bot-wide permissions hold for every account; an account's own block is laid over them key by key. */
class AccountPermissionsTest {

    @Test
    void anAccountsOwnListReplacesTheBotWideOneAndItsGroupsAddToTheBotWideGroups() {
        Config config = ConfigFactory.parseString("""
                webwx-bot {
                  permissions {
                    owners = [ "wxid:wxid_boss" ]
                    admins = [ "remark:Deputy" ]
                    groups { "Weekend hikers" { admins = [ "nick:Bob" ] } }
                  }
                  accounts {
                    shop { permissions { admins = [ "wxid:wxid_clerk" ], groups { "Shop floor" { admins = [] } } } }
                    support { }
                  }
                }
                """);
        Function<String, Permissions> roles = AccountPermissions.read(config);

        Permissions shop = roles.apply("shop");
        assertEquals(List.of(new Identity(Identity.Kind.WXID, "wxid_boss")), shop.owners());
        assertEquals(List.of(new Identity(Identity.Kind.WXID, "wxid_clerk")), shop.admins());
        assertEquals(Set.of("Weekend hikers", "Shop floor"), shop.groups().keySet());
        Permissions support = roles.apply("support");
        assertEquals(List.of(new Identity(Identity.Kind.REMARK, "Deputy")), support.admins());
        assertEquals(support, roles.apply("added-through-the-api"));
    }

    @Test
    void withoutAnyBlockNobodyIsNamed() {
        assertEquals(Permissions.NONE, AccountPermissions.read(ConfigFactory.empty()).apply("default"));
    }
}
