package dev.webwxbot.core.internal.send;

/**
 * The largest file of each kind the bot will upload. The official page refuses videos of 20 MiB or more and has
 * (commented-out) checks of 20 MiB for images; the server's own limits are not documented (PROTOCOL.md 6.1), so
 * files and stickers get this project's own caps.
 */
public record MediaLimits(long imageBytes, long videoBytes, long fileBytes, long emoticonBytes) {

    public static final MediaLimits DEFAULT = new MediaLimits(20L << 20, (20L << 20) - 1, 1L << 30, 20L << 20);

    public MediaLimits {
        if (imageBytes < 1 || videoBytes < 1 || fileBytes < 1 || emoticonBytes < 1) {
            throw new IllegalArgumentException("media limits must be positive");
        }
    }
}
