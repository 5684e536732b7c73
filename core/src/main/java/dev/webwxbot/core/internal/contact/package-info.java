/**
 * The session's address book: contacts from init, webwxgetcontact and sync, classified (PROTOCOL.md 3.8) and
 * indexed for lookups by id, with the name search of {@code Contacts.find} (ContactSearch, ContactSearchPinyin).
 */
package dev.webwxbot.core.internal.contact;
