package dev.webwxbot.emulator.internal;

/** Facts about media bytes the public API needs (picture size, a placeholder thumbnail). Stateless; thread-safe. */
public final class MediaFacts {
    private MediaFacts() {
    }

    /** {@code {width, height}} of a decodable picture, {@code {0, 0}} otherwise. */
    public static int[] dimensions(byte[] picture) {
        int[] size = Images.dimensions(picture);
        return size == null ? new int[] {0, 0} : size;
    }

    /** A small JPEG derived from the bytes, for video thumbnails nobody supplied. */
    public static byte[] placeholderJpeg(byte[] seed) {
        return Images.avatarJpeg(java.util.Arrays.hashCode(seed));
    }
}
