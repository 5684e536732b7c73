package dev.webwxbot.emulator.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import dev.webwxbot.emulator.ContactKind;

import java.util.ArrayList;
import java.util.List;

/** {@code webwxgetcontact} (paged address book) and {@code webwxbatchgetcontact} (PROTOCOL.md 3.4, 3.5). */
final class ContactEndpoints {
    private final World world;
    private final SessionAuthenticator authenticator;

    ContactEndpoints(World world, SessionAuthenticator authenticator) {
        this.world = world;
        this.authenticator = authenticator;
    }

    /** GET or POST; a POST body is only looked at for credentials. {@code Seq} is an opaque cursor, 0 on the last page. */
    void getContact(Exchange ex) {
        JsonNode body = JsonBodies.parseObject(ex.body()).orElseGet(JsonNodeFactory.instance::objectNode);
        SessionAuthenticator.Result auth = authenticator.authenticate(ex, body);
        if (!auth.ok()) {
            ex.reply(JsonBodies.json(new Wire.GetContactResponse(Wire.BaseResponse.of(auth.ret()), 0, List.of(), 0)));
            return;
        }
        WebSession session = auth.session();
        Wire.GetContactResponse response;
        synchronized (world) {
            List<ContactState> book = ContactViews.addressBook(session.account);
            int offset = offsetOf(ex.query().get("seq"), session, book.size());
            int pageSize = world.settings.contactPageSize();
            int end = Math.min(book.size(), offset + pageSize);
            List<Wire.Contact> page = new ArrayList<>();
            for (ContactState contact : book.subList(offset, end)) {
                page.add(ContactViews.contact(session, contact, ContactViews.Members.NONE));
            }
            long nextSeq = end < book.size() ? session.contactCursorBase + end : 0;
            response = new Wire.GetContactResponse(Wire.BaseResponse.OK, page.size(), page, nextSeq);
        }
        ex.reply(JsonBodies.json(response));
    }

    /** 0 for the first page; an unknown cursor yields an empty last page. */
    private static int offsetOf(String seq, WebSession session, int size) {
        long cursor;
        try {
            cursor = seq == null || seq.isBlank() ? 0 : Long.parseLong(seq.trim());
        } catch (NumberFormatException e) {
            cursor = 0;
        }
        if (cursor == 0) {
            return 0;
        }
        long offset = cursor - session.contactCursorBase;
        return offset > 0 && offset < size ? (int) offset : size;
    }

    void batchGetContact(Exchange ex) {
        JsonCalls.Call call = JsonCalls.open(ex, authenticator, ret -> JsonBodies.json(new Wire.BatchGetContactResponse(Wire.BaseResponse.of(ret), 0, List.of())));
        if (call == null) {
            return;
        }
        JsonNode body = call.body();
        JsonNode list = body.path("List");
        if (!list.isArray()) {
            ex.reply(JsonBodies.json(new Wire.BatchGetContactResponse(Wire.BaseResponse.of(1), 0, List.of())));
            return;
        }
        int cap = world.settings.batchGetContactCap();
        if (list.size() > cap && world.settings.batchGetContactOverCapFails()) {
            ex.reply(JsonBodies.json(new Wire.BatchGetContactResponse(Wire.BaseResponse.of(1), 0, List.of())));
            return;
        }
        WebSession session = call.session();
        List<Wire.Contact> found = new ArrayList<>();
        synchronized (world) {
            int taken = 0;
            for (JsonNode item : list) {
                if (taken++ >= cap) {
                    break;
                }
                String userName = item.isObject() ? JsonBodies.scalarText(item, "UserName") : null;
                ContactState contact = session.contactOf(userName);
                if (contact == null && session.selfUserName.equals(userName)) {
                    // The account itself is answered, not dropped: clients look up their own details this way.
                    found.add(ContactViews.self(session));
                } else if (contact != null) {
                    ContactViews.Members detail = contact.kind() == ContactKind.GROUP
                            ? ContactViews.Members.FULL : ContactViews.Members.NONE;
                    found.add(ContactViews.contact(session, contact, detail));
                }
            }
        }
        ex.reply(JsonBodies.json(new Wire.BatchGetContactResponse(Wire.BaseResponse.OK, found.size(), found)));
    }
}
