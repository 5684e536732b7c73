package dev.webwxbot.store;

import java.util.Objects;

/**
 * A media file saved by {@link MediaFiles}: its SHA-256 (hex), size in bytes, path relative to the media folder
 * (derived from the hash only, never from a name the network sent) and the file name to show.
 */
public record MediaRef(String sha256, long size, String path, String fileName) {
    public MediaRef {
        Objects.requireNonNull(sha256, "sha256");
        Objects.requireNonNull(path, "path");
        Objects.requireNonNull(fileName, "fileName");
        if (size < 0) throw new IllegalArgumentException("negative size " + size);
    }
}
