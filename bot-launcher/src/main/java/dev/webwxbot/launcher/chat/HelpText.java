package dev.webwxbot.launcher.chat;

import java.util.List;

/** What {@code /help} prints. */
final class HelpText {

    static final List<String> LINES = List.of(
            "[chat] commands (no brackets; NAME is a nickname, remark name, alias or UserName; Tab completes):",
            "  ->NAME:TEXT      send TEXT",
            "  m->NAME:PATH     send the text in the file PATH (UTF-8, at most "
                    + OutgoingFactory.MAX_TEXT_FILE_BYTES / 1024 + " KiB)",
            "  f->NAME:PATH     send the file PATH",
            "  i->NAME:PATH     send the image PATH",
            "  e->NAME:PATH     send the emoticon PATH (jpg/gif)",
            "  v->NAME:PATH     send the video PATH (mp4)",
            "  /to NAME         talk to NAME: plain lines go there",
            "  /chats           recent chats with unread counts",
            "  /auto on|off     let the plugins answer incoming messages, or stop them",
            "  /run COMMAND     run a plugin's command in the current chat as the account's owner, the answer shown",
            "                   here (/run help lists them); with the prefix, typing /COMMAND does the same",
            "  /help            this list",
            "  quit             leave (Ctrl-D too; Ctrl-C on an empty line)");

    private HelpText() {
    }
}
