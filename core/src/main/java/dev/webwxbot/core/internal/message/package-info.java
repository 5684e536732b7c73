/**
 * Turns {@code AddMsgList} entries into plugin-api events: strips the group sender prefix, decodes line breaks,
 * HTML entities and emoji spans, detects @-mentions of me, and parses XML payloads safely.
 *
 * <p>{@link dev.webwxbot.core.internal.message.MessageParser} builds the envelope and dispatches on
 * {@code MsgType}; one small class per kind reads the payload ({@code AppMessageParser} for 49 by
 * {@code AppMsgType}, {@code FriendRequestParser}, {@code CardParser}, {@code LocationParser},
 * {@code MediaParser}, {@code RevokeParser}, {@code SystemNoticeParser} with {@code SystemNoticeClassifier}), all
 * XML through {@code XmlPayload}, which refuses DTDs and parses only with {@code SafeXml}.
 */
package dev.webwxbot.core.internal.message;
