package dev.webwxbot.server.api;

import java.util.List;
import java.util.Locale;
import dev.webwxbot.safeoutput.OwnerOnly;
import io.helidon.http.HeaderNames;
import io.helidon.webserver.http.ServerRequest;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.apache.commons.fileupload2.core.AbstractFileUpload;
import org.apache.commons.fileupload2.core.DiskFileItem;
import org.apache.commons.fileupload2.core.DiskFileItemFactory;
import org.apache.commons.fileupload2.core.FileItemInput;
import org.apache.commons.fileupload2.core.FileItemInputIterator;
import org.apache.commons.fileupload2.core.FileUploadException;
import org.apache.commons.fileupload2.core.RequestContext;

/**
 * A {@code multipart/form-data} request: its text fields, and its one {@code file} part streamed to an owner-only
 * temporary folder under its (sanitised) name, which the message it becomes keeps. {@link #close()} deletes it.
 */
final class Uploads implements AutoCloseable {

    static final String FILE_PART = "file";
    private static final int MAX_FIELD = 64 * 1024;

    private final Map<String, String> fields;
    private final Optional<Path> file;
    private final Path folder;

    private Uploads(Map<String, String> fields, Optional<Path> file, Path folder) {
        this.fields = fields;
        this.file = file;
        this.folder = folder;
    }

    static boolean isMultipart(ServerRequest request) {
        return request.headers().first(HeaderNames.CONTENT_TYPE)
                .map(type -> type.toLowerCase(Locale.ROOT).startsWith("multipart/form-data")).orElse(false);
    }

    static Uploads read(ServerRequest request, Path tmp, long maxBody) {
        Path folder;
        try {
            folder = OwnerOnly.createDirectories(tmp.resolve("upload-" + UUID.randomUUID()));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create a folder for the upload", e);
        }
        Map<String, String> fields = new HashMap<>();
        Path saved = null;
        try {
            Parser parser = new Parser();
            parser.setSizeMax(maxBody);
            FileItemInputIterator parts = parser.getItemIterator(request);
            while (parts.hasNext()) {
                FileItemInput part = parts.next();
                try (InputStream in = part.getInputStream()) {
                    if (part.isFormField()) {
                        byte[] value = in.readNBytes(MAX_FIELD + 1);
                        if (value.length > MAX_FIELD) throw ApiProblem.badRequest("field '" + part.getFieldName() + "' is too long");
                        fields.put(part.getFieldName(), new String(value, StandardCharsets.UTF_8));
                    } else if (FILE_PART.equals(part.getFieldName())) {
                        if (saved != null) throw ApiProblem.badRequest("send one file per message");
                        saved = folder.resolve(safeName(part.getName()));
                        OwnerOnly.createFile(saved);
                        // Into the owner-only file just made (a copy with REPLACE_EXISTING would recreate it).
                        try (var out = Files.newOutputStream(saved)) {
                            in.transferTo(out);
                        }
                    } else {
                        throw ApiProblem.badRequest("unexpected file part '" + part.getFieldName() + "'; name it 'file'");
                    }
                }
            }
        } catch (FileUploadException e) {
            delete(folder);
            throw new ApiProblem(e.getMessage() != null && e.getMessage().contains("exceeds") ? 413 : 400,
                    "INVALID_REQUEST", "the multipart body cannot be read: " + e.getMessage());
        } catch (IOException e) {
            delete(folder);
            throw ApiProblem.badRequest("the upload broke off: " + e.getMessage());
        } catch (RuntimeException e) {
            delete(folder);
            throw e;
        }
        return new Uploads(Map.copyOf(fields), Optional.ofNullable(saved), folder);
    }

    Optional<String> field(String name) {
        return Optional.ofNullable(fields.get(name)).map(String::strip).filter(s -> !s.isEmpty());
    }

    Optional<Path> file() {
        return file;
    }

    /**
     * A file name that is only a name: no folders, no control characters, no leading dots, at most 120 characters;
     * the name the recipient sees for a file message.
     */
    static String safeName(String given) {
        String name = given == null ? "" : given;
        name = name.substring(Math.max(name.lastIndexOf('/'), name.lastIndexOf('\\')) + 1);
        StringBuilder clean = new StringBuilder();
        name.codePoints().filter(c -> !Character.isISOControl(c) && c != ':' && c != '"' && c != '*' && c != '?'
                && c != '<' && c != '>' && c != '|').forEach(clean::appendCodePoint);
        String result = clean.toString().strip().replaceFirst("^\\.+", "");
        if (result.length() > 120) result = result.substring(result.length() - 120);
        return result.isEmpty() ? "upload" : result;
    }

    @Override
    public void close() {
        delete(folder);
    }

    private static void delete(Path folder) {
        try (var files = Files.list(folder)) {
            for (Path file : files.toList()) Files.deleteIfExists(file);
            Files.deleteIfExists(folder);
        } catch (IOException e) {
            // A leftover in tmp/ is removed at the next start (see MessageRoutes); nothing else to do here.
        }
    }

    private static RequestContext context(ServerRequest request) {
        String type = request.headers().first(HeaderNames.CONTENT_TYPE).orElse("");
        long length = request.headers().contentLength().orElse(-1L);
        return new RequestContext() {
            @Override
            public String getCharacterEncoding() {
                return StandardCharsets.UTF_8.name();
            }

            @Override
            public long getContentLength() {
                return length;
            }

            @Override
            public String getContentType() {
                return type;
            }

            @Override
            public InputStream getInputStream() {
                return request.content().inputStream();
            }

            @Override
            public boolean isMultipartRelated() {
                return false;
            }
        };
    }

    /** The library's streaming parser over a plain {@link RequestContext}; the list-building methods are not used. */
    private static final class Parser extends AbstractFileUpload<ServerRequest, DiskFileItem, DiskFileItemFactory> {
        @Override
        public FileItemInputIterator getItemIterator(ServerRequest request) throws FileUploadException, IOException {
            return getItemIterator(context(request));
        }

        @Override
        public Map<String, List<DiskFileItem>> parseParameterMap(ServerRequest request) {
            throw new UnsupportedOperationException("uploads are streamed");
        }

        @Override
        public List<DiskFileItem> parseRequest(ServerRequest request) {
            throw new UnsupportedOperationException("uploads are streamed");
        }
    }
}
