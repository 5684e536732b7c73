package dev.webwxbot.store;

/**
 * Which media files the store saves: all, none, or those up to a size. Messages are stored either way; only the
 * file is skipped.
 */
public sealed interface MediaPolicy {

    /** Whether a file of {@code size} bytes is saved. */
    boolean accepts(long size);

    /** Every media file is saved. */
    record All() implements MediaPolicy {
        @Override
        public boolean accepts(long size) {
            return true;
        }
    }

    /** No media file is saved. */
    record None() implements MediaPolicy {
        @Override
        public boolean accepts(long size) {
            return false;
        }
    }

    /** Files of at most {@code bytes} are saved. */
    record UpTo(long bytes) implements MediaPolicy {
        public UpTo {
            if (bytes < 0) throw new IllegalArgumentException("negative size " + bytes);
        }

        @Override
        public boolean accepts(long size) {
            return size <= bytes;
        }
    }
}
