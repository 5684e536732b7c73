package dev.webwxbot.plugins.autoreply;

import static dev.webwxbot.plugins.autoreply.Fixtures.ME;

import dev.webwxbot.api.AccountOperations;
import dev.webwxbot.api.Bot;
import dev.webwxbot.api.Contact;
import dev.webwxbot.api.Contacts;
import dev.webwxbot.api.Outgoing;
import dev.webwxbot.api.Result;
import dev.webwxbot.api.SendReceipt;
import dev.webwxbot.api.event.FriendRequest;
import dev.webwxbot.api.event.MessageEvent;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A bot for the unit tests of what rules do where the emulator cannot go wrong on purpose or would take long to set
 * up: an address book given by the test, and friend and group operations that answer as told and record what they
 * were asked. Replies go through the test's context, so sends are refused here.
 *
 * @param groups the groups the address book holds, each with its members
 */
record FakeBot(Account account, Map<Contact, List<Contact>> groups) implements Bot {

    /** An address book with nobody in it: no new friend shows up by itself. */
    static final Map<Contact, List<Contact>> NOBODY = Map.of();

    /** Friend and group operations that answer as told, recording what was asked. */
    static final class Account implements AccountOperations {
        Result<Void> accept = Result.done();
        final List<String> accepted = new ArrayList<>();
        final List<String> remarks = new ArrayList<>();
        final List<String> added = new ArrayList<>();
        final List<String> invited = new ArrayList<>();

        @Override
        public Result<Void> acceptFriendRequest(FriendRequest request) {
            accepted.add(request.userName());
            return accept;
        }

        @Override
        public Result<Void> setRemarkName(Contact friend, String remarkName) {
            remarks.add(remarkName);
            return Result.done();
        }

        @Override
        public Result<Void> addMembers(Contact group, List<Contact> members) {
            members.forEach(member -> added.add(member.nickName()));
            return Result.done();
        }

        @Override
        public Result<Void> inviteMembers(Contact group, List<Contact> members) {
            members.forEach(member -> invited.add(member.nickName()));
            return Result.done();
        }

        @Override
        public Result<Void> addFriend(String userName, String greeting) {
            throw new UnsupportedOperationException();
        }

        @Override
        public Result<Contact> createGroup(String topic, List<Contact> members) {
            throw new UnsupportedOperationException();
        }

        @Override
        public Result<Void> removeMembers(Contact group, List<Contact> members) {
            throw new UnsupportedOperationException();
        }

        @Override
        public Result<Void> renameGroup(Contact group, String topic) {
            throw new UnsupportedOperationException();
        }
    }

    @Override
    public Contact self() {
        return ME;
    }

    @Override
    public Contacts contacts() {
        return new Contacts() {
            @Override
            public Optional<Contact> byUserName(String userName) {
                return groups.keySet().stream().filter(group -> group.userName().equals(userName)).findFirst();
            }

            @Override
            public List<Contact> find(String query) {
                return groups.keySet().stream().filter(group -> group.nickName().equalsIgnoreCase(query)).toList();
            }

            @Override
            public List<Contact> members(Contact group) {
                return groups.getOrDefault(group, List.of());
            }

            @Override
            public List<Contact> all() {
                return List.copyOf(groups.keySet());
            }
        };
    }

    @Override
    public SendReceipt send(Contact chat, Outgoing message) {
        throw new UnsupportedOperationException("replies go through the context");
    }

    @Override
    public Result<Void> revoke(SendReceipt.Sent receipt) {
        throw new UnsupportedOperationException();
    }

    @Override
    public Result<Path> download(MessageEvent event, Path directory) {
        throw new UnsupportedOperationException();
    }

    @Override
    public Result<Path> downloadThumbnail(MessageEvent event, Path directory) {
        throw new UnsupportedOperationException();
    }

    @Override
    public Result<Path> downloadHeadImage(Contact contact, Path directory) {
        throw new UnsupportedOperationException();
    }
}
