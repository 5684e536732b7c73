package dev.webwxbot.emulator.internal;

import com.fasterxml.jackson.databind.JsonNode;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code webwxuploadmedia} on the file host and {@code webwxcheckupload} on the API host (PROTOCOL.md 6). Chunks are
 * appended to a file on disk in order while their MD5 is computed, so a large upload never sits in memory.
 * Failures answer {@code Ret -1} (6.1 and 11.1 give -1 for limits and bad media; the sources are silent on the
 * exact code for a wrong ticket, size or MD5), an unparsable form {@code Ret 1200}.
 */
final class UploadEndpoints {
    private static final Logger LOG = LoggerFactory.getLogger(UploadEndpoints.class);
    /** The chunk size every client and the browser use (6.2, 11.6). */
    static final int CHUNK_SIZE = 524_288;
    private static final int GENERIC_FAILURE = -1;
    private static final Set<String> MEDIA_TYPES = Set.of("pic", "video", "doc");
    private static final int ASSEMBLIES_KEPT = 64;

    private final World world;
    private final SessionAuthenticator authenticator;
    /** Uploads in progress, by session, ClientMediaId and file; guarded by the World monitor. */
    private final Map<String, Assembly> assemblies = new LinkedHashMap<>() {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Assembly> eldest) {
            if (size() > ASSEMBLIES_KEPT) {
                eldest.getValue().abandon();
                return true;
            }
            return false;
        }
    };

    UploadEndpoints(World world, SessionAuthenticator authenticator) {
        this.world = world;
        this.authenticator = authenticator;
    }

    /** A file being reassembled from its chunks. */
    private static final class Assembly {
        final Path file;
        final OutputStream out;
        final MessageDigest md5;
        final int chunks;
        int nextChunk;
        long received;

        Assembly(Path file, int chunks) throws IOException {
            this.file = file;
            this.out = Files.newOutputStream(file);
            this.chunks = chunks;
            try {
                this.md5 = MessageDigest.getInstance("MD5");
            } catch (NoSuchAlgorithmException e) {
                throw new IllegalStateException("MD5 is a required JDK algorithm", e);
            }
        }

        void append(byte[] data) throws IOException {
            out.write(data);
            md5.update(data);
            received += data.length;
            nextChunk++;
        }

        String finish() throws IOException {
            out.close();
            return HexFormat.of().formatHex(md5.digest());
        }

        void abandon() {
            try {
                out.close();
            } catch (IOException e) {
                // Being thrown away anyway.
            }
            MediaStore.deleteQuietly(file);
        }
    }

    void upload(Exchange ex) {
        Map<String, Multipart.Part> fields = new LinkedHashMap<>();
        for (Multipart.Part part : ex.formParts()) {
            fields.putIfAbsent(part.name(), part);
        }
        Multipart.Part requestPart = fields.get("uploadmediarequest");
        Multipart.Part filePart = fields.get("filename");
        JsonNode request = requestPart == null ? null
                : JsonBodies.parseObject(requestPart.data()).orElse(null);
        if (request == null || filePart == null) {
            ex.reply(failure(JsonCalls.PARSE_ERROR, ""));
            return;
        }
        SessionAuthenticator.Result auth = authenticator.authenticate(ex, request, SessionAuthenticator.Kind.UPLOAD);
        if (!auth.ok()) {
            ex.reply(failure(auth.ret(), ""));
            return;
        }
        WebSession session = auth.session();
        String fileName = filePart.fileName() == null ? text(fields, "name") : filePart.fileName();
        String encryFileName = MessageRenderer.encryFileName(fileName == null ? "" : fileName);
        String mediaType = text(fields, "mediatype");
        long total = JsonBodies.scalarLong(request, "TotalLen", -1);
        String ticket = text(fields, "webwx_data_ticket");
        boolean ticketOk = ticket == null ? !world.settings.strictCookies() : ticket.equals(session.dataTicket);
        if (mediaType == null || !MEDIA_TYPES.contains(mediaType) || total < 1 || !ticketOk
                || total > world.settings.uploadLimitBytes() || filePart.fileName() == null) {
            ex.reply(failure(GENERIC_FAILURE, encryFileName));
            return;
        }
        String chunksText = text(fields, "chunks");
        String chunkText = text(fields, "chunk");
        int chunks;
        int chunk;
        try {
            chunks = chunksText == null ? 1 : Integer.parseInt(chunksText.trim());
            chunk = chunkText == null ? 0 : Integer.parseInt(chunkText.trim());
        } catch (NumberFormatException e) {
            ex.reply(failure(GENERIC_FAILURE, encryFileName));
            return;
        }
        byte[] data = filePart.data();
        long expectedChunks = (total + CHUNK_SIZE - 1) / CHUNK_SIZE;
        boolean chunked = chunksText != null;
        if (chunk < 0 || chunk >= chunks || (chunked && (chunks != expectedChunks || data.length > CHUNK_SIZE))
                || (!chunked && data.length != total)) {
            ex.reply(failure(GENERIC_FAILURE, encryFileName));
            return;
        }
        String key = session.sid + "|" + JsonBodies.scalarText(request, "ClientMediaId") + "|"
                + JsonBodies.scalarText(request, "FileMd5") + "|" + fileName;
        synchronized (world) {
            try {
                Assembly assembly = chunk == 0 ? null : assemblies.get(key);
                if (chunk == 0) {
                    Assembly stale = assemblies.remove(key);
                    if (stale != null) {
                        stale.abandon();
                    }
                    assembly = new Assembly(Files.createTempFile(world.uploads().get(), "upload", ".bin"), chunks);
                    assemblies.put(key, assembly);
                }
                if (assembly == null || assembly.nextChunk != chunk || assembly.chunks != chunks
                        || assembly.received + data.length > total) {
                    ex.reply(failure(GENERIC_FAILURE, encryFileName));
                    return;
                }
                assembly.append(data);
                if (chunk < chunks - 1) {
                    ex.reply(withCors(JsonBodies.json(new Wire.UploadResponse(Wire.BaseResponse.OK, "",
                            assembly.received, 0, 0, encryFileName)), session, ex.origin()));
                    return;
                }
                assemblies.remove(key);
                String md5 = assembly.finish();
                String declared = JsonBodies.scalarText(request, "FileMd5");
                if (assembly.received != total || (declared != null && !declared.equalsIgnoreCase(md5))) {
                    assembly.abandon();
                    ex.reply(failure(GENERIC_FAILURE, encryFileName));
                    return;
                }
                String mediaId = "@crypt_" + HexFormat.of().formatHex(world.ids.bytes(4)) + "_"
                        + HexFormat.of().formatHex(world.ids.bytes(96));
                session.account.media.putUpload(new MediaStore.Upload(mediaId, fileName, mediaType, total, md5,
                        assembly.file));
                ex.reply(withCors(JsonBodies.json(new Wire.UploadResponse(Wire.BaseResponse.OK, mediaId, total, 0, 0,
                        encryFileName)), session, ex.origin()));
            } catch (IOException e) {
                LOG.warn("cannot store an uploaded chunk: {}", e.toString());
                // The upload cannot go on: close and delete its file now rather than when the map evicts it.
                Assembly broken = assemblies.remove(key);
                if (broken != null) {
                    broken.abandon();
                }
                ex.reply(failure(GENERIC_FAILURE, encryFileName));
            }
        }
    }

    /** webwxcheckupload: the limit, a known file's MediaId, or a fresh AESKey and Signature (6.1). */
    void checkUpload(Exchange ex) {
        JsonCalls.Call call = JsonCalls.open(ex, authenticator, ret -> checkFailure(ret));
        if (call == null) {
            return;
        }
        JsonNode body = call.body();
        String md5 = JsonBodies.scalarText(body, "FileMd5");
        String fileName = JsonBodies.scalarText(body, "FileName");
        long size = JsonBodies.scalarLong(body, "FileSize", -1);
        if (md5 == null || fileName == null || size < 1 || size > world.settings.uploadLimitBytes()) {
            ex.reply(checkFailure(GENERIC_FAILURE));
            return;
        }
        String encryFileName = MessageRenderer.encryFileName(fileName);
        synchronized (world) {
            MediaStore.Upload known = call.session().account.media.uploadOf(md5, size);
            if (known != null) {
                ex.reply(JsonBodies.json(new Wire.CheckUploadResponse(Wire.BaseResponse.OK, known.mediaId(), "", "",
                        encryFileName)));
                return;
            }
            String aesKey = HexFormat.of().formatHex(world.ids.bytes(16));
            String signature = HexFormat.of().formatHex(world.ids.bytes(64));
            ex.reply(JsonBodies.json(new Wire.CheckUploadResponse(Wire.BaseResponse.OK, "", aesKey, signature,
                    encryFileName)));
        }
    }

    private static Reply checkFailure(int ret) {
        return JsonBodies.json(new Wire.CheckUploadResponse(Wire.BaseResponse.of(ret), "", "", "", ""));
    }

    private static String text(Map<String, Multipart.Part> fields, String name) {
        Multipart.Part part = fields.get(name);
        return part == null ? null : new String(part.data(), StandardCharsets.UTF_8);
    }

    private static Reply failure(int ret, String encryFileName) {
        return JsonBodies.json(new Wire.UploadResponse(Wire.BaseResponse.of(ret), "", 0, 0, 0, encryFileName));
    }

    /** The file host answers the page on the API host with CORS headers (6.2). */
    private static Reply withCors(Reply reply, WebSession session, ClientOrigin origin) {
        return reply.withHeader("Access-Control-Allow-Origin", origin.apiBase(session.family))
                .withHeader("Access-Control-Allow-Credentials", "true");
    }
}
