package dev.webwxbot.emulator;

import java.time.Instant;

/**
 * A message a client sent through a send endpoint ({@code webwxsendmsg}), as the emulator accepted it.
 * Immutable and thread-safe.
 *
 * @param time         when it was accepted
 * @param fromUserName {@code Msg.FromUserName} (the session's own UserName)
 * @param toUserName   {@code Msg.ToUserName}
 * @param toNickName   the recipient's nickname in the emulated world
 * @param type         {@code Msg.Type}
 * @param content      {@code Msg.Content} as sent (plain text for type 1)
 * @param msgId        the {@code MsgID} the emulator answered with
 * @param localId      {@code Msg.LocalID} as a string ({@code ""} when absent)
 * @param clientMsgId  {@code Msg.ClientMsgId} as a string ({@code ""} when absent)
 */
public record SentMessage(Instant time, String fromUserName, String toUserName, String toNickName, int type,
                          String content, String msgId, String localId, String clientMsgId) {
}
