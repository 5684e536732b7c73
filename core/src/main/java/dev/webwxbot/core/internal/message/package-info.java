/**
 * Turns {@code AddMsgList} entries into plugin-api events: strips the group sender prefix, decodes line breaks,
 * HTML entities and emoji spans, detects @-mentions of me, and parses XML payloads safely.
 */
package dev.webwxbot.core.internal.message;
