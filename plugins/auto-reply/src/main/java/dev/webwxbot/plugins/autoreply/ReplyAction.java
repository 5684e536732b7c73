package dev.webwxbot.plugins.autoreply;

import dev.webwxbot.api.Outgoing;
import java.nio.file.Path;

/** One thing a rule sends. Immutable and thread-safe. */
sealed interface ReplyAction {

    Outgoing toOutgoing(Template.TemplateValues values);

    /** A text, its placeholders filled in for the message being answered. */
    record Text(Template template) implements ReplyAction {
        @Override
        public Outgoing toOutgoing(Template.TemplateValues values) {
            return Outgoing.text(template.render(values));
        }
    }

    /** A picture file, checked to exist when the rules were loaded. */
    record Image(Path file) implements ReplyAction {
        @Override
        public Outgoing toOutgoing(Template.TemplateValues values) {
            return new Outgoing.Image(file);
        }
    }

    /** Any file, sent as an attachment; checked to exist when the rules were loaded. */
    record File(Path file) implements ReplyAction {
        @Override
        public Outgoing toOutgoing(Template.TemplateValues values) {
            return new Outgoing.File(file);
        }
    }
}
