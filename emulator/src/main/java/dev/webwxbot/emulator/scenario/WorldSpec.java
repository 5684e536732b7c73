package dev.webwxbot.emulator.scenario;

import dev.webwxbot.emulator.ContactKind;
import dev.webwxbot.emulator.HostFamily;

import java.util.List;
import java.util.Map;

/** The validated world of a scenario: accounts with their address books. Immutable. */
record WorldSpec(List<AccountSpec> accounts) {

    /** Contact ids every account has built in. */
    static final List<String> BUILT_IN_IDS = List.of("filehelper", "weixin");

    /** {@code friendAccounts}: ids of other accounts of the scenario this one is friends with (both ways). */
    record AccountSpec(String id, String nickName, HostFamily family, List<PersonSpec> people,
                       List<GroupSpec> groups, LargeSpec large, List<String> friendAccounts) {
        AccountSpec(String id, String nickName, HostFamily family, List<PersonSpec> people, List<GroupSpec> groups,
                    LargeSpec large) {
            this(id, nickName, family, people, groups, large, List.of());
        }
    }

    /** A friend, stranger or official account; {@code alias} and {@code remark} are {@code ""} when absent. */
    record PersonSpec(String id, ContactKind kind, String nickName, String alias, String remark) {
    }

    /** A group; display names map member ids to their nickname inside the group. */
    record GroupSpec(String id, String name, List<String> memberIds, Map<String, String> displayNames) {
    }

    /** Generated address book: {@code friends} friends and {@code groups} groups of {@code groupSize} members. */
    record LargeSpec(int friends, int groups, int groupSize) {
        static final LargeSpec NONE = new LargeSpec(0, 0, 0);
    }
}
