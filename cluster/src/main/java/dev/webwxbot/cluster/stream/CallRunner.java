package dev.webwxbot.cluster.stream;

import dev.webwxbot.api.Bot;
import dev.webwxbot.api.Outgoing;
import dev.webwxbot.api.Result;
import dev.webwxbot.core.AnswerOrder;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Type;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.Comparator;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * Carries out a worker's call on the gateway, with the account's bot (the one handed over with the message the
 * call answers, so that sends keep the client ids a replay recognises). Files travel as bytes: a worker's
 * {@code Outgoing.Image(path)} names a file on the worker's disk, and a download's file must reach the worker's.
 */
final class CallRunner {

    /** The largest file a call carries either way (base64 makes it a third larger in Redis). */
    static final long MAX_FILE_BYTES = 25L * 1024 * 1024;

    private CallRunner() {
    }

    /** Runs {@code call} on {@code bot}; a failure is the answer's error, never thrown. */
    static Answer run(Call call, Bot bot) {
        Optional<Method> found = CallTargets.method(call.target(), call.method(), call.args().size());
        if (found.isEmpty()) {
            return Answer.failed(call.id(), "no such call: " + call.target() + "." + call.method() + "/" + call.args().size());
        }
        Method method = found.get();
        Path scratch = null;
        try {
            Object[] args = arguments(method, call);
            if (!call.file().isEmpty()) {
                scratch = Files.createTempDirectory("webwx-call-");
                args[1] = withFile((Outgoing) args[1], unpack(call, scratch));
            }
            if (isDownload(method)) {
                scratch = scratch != null ? scratch : Files.createTempDirectory("webwx-call-");
                args[args.length - 1] = scratch;
                return downloaded(call, invoke(method, CallTargets.on(call.target(), bot), args));
            }
            Object target = CallTargets.on(call.target(), bot);
            Object value = call.answer() >= 0
                    ? AnswerOrder.as(call.answer(), () -> invoke(method, target, args))
                    : invoke(method, target, args);
            return Answer.value(call.id(), WireJson.write(value, WireJson.type(method.getGenericReturnType())));
        } catch (WireException e) {
            return Answer.failed(call.id(), e.getMessage());
        } catch (IOException e) {
            return Answer.failed(call.id(), "a file of the call could not be kept: " + e.getClass().getSimpleName());
        } catch (CallFailed e) {
            return Answer.failed(call.id(), e.getMessage());
        } finally {
            if (scratch != null) deleteAll(scratch);
        }
    }

    private static Object[] arguments(Method method, Call call) {
        Type[] types = method.getGenericParameterTypes();
        Object[] args = new Object[types.length];
        for (int i = 0; i < types.length; i++) {
            // A download's folder is the gateway's own: the worker's means nothing here.
            if (isDownload(method) && i == types.length - 1) continue;
            args[i] = WireJson.read(call.args().get(i), WireJson.type(types[i]));
        }
        return args;
    }

    private static boolean isDownload(Method method) {
        return method.getName().startsWith("download");
    }

    private static Object invoke(Method method, Object target, Object[] args) {
        try {
            return method.invoke(target, args);
        } catch (InvocationTargetException e) {
            Throwable cause = e.getCause();
            throw new CallFailed(cause.getClass().getSimpleName() + (cause.getMessage() == null ? "" : ": " + cause.getMessage()));
        } catch (IllegalAccessException | IllegalArgumentException e) {
            throw new CallFailed("the call could not be made: " + e.getClass().getSimpleName());
        }
    }

    /** A download's answer: its result, and the file's bytes when there is one. */
    private static Answer downloaded(Call call, Object result) throws IOException {
        @SuppressWarnings("unchecked") Result<Path> downloaded = (Result<Path>) result;
        if (!(downloaded instanceof Result.Ok<Path>(Path file)) || file == null) {
            return Answer.value(call.id(), WireJson.write(downloaded, WireJson.type(Result.class, Path.class)));
        }
        if (Files.size(file) > MAX_FILE_BYTES) {
            return Answer.value(call.id(), WireJson.write(new Result.Failed<Path>(dev.webwxbot.api.FailureReason.TOO_LARGE,
                    0, "the file is larger than a worker's call carries (" + MAX_FILE_BYTES + " bytes)"),
                    WireJson.type(Result.class, Path.class)));
        }
        String name = file.getFileName().toString();
        return Answer.value(call.id(), WireJson.write(new Result.Ok<>(Path.of(name)), WireJson.type(Result.class, Path.class)))
                .withFile(Base64.getEncoder().encodeToString(Files.readAllBytes(file)), name);
    }

    /** The carried file, written under its own (cleaned) name in {@code scratch}. */
    private static Path unpack(Call call, Path scratch) throws IOException {
        Path file = scratch.resolve(FileNames.clean(call.fileName()));
        Files.write(file, Base64.getDecoder().decode(call.file()));
        return file;
    }

    /** {@code message} sending {@code file} instead of the worker's path. */
    static Outgoing withFile(Outgoing message, Path file) {
        return switch (message) {
            case Outgoing.Image image -> new Outgoing.Image(file);
            case Outgoing.Video video -> new Outgoing.Video(file);
            case Outgoing.File attached -> new Outgoing.File(file);
            case Outgoing.Emoticon emoticon -> new Outgoing.Emoticon(file);
            default -> throw new CallFailed("a " + message.getClass().getSimpleName() + " carries no file");
        };
    }

    /** The file a send carries from the worker's disk, if it carries one. */
    static Optional<Path> fileOf(Outgoing message) {
        return switch (message) {
            case Outgoing.Image image -> Optional.of(image.file());
            case Outgoing.Video video -> Optional.of(video.file());
            case Outgoing.File attached -> Optional.of(attached.file());
            case Outgoing.Emoticon emoticon -> Optional.of(emoticon.file());
            default -> Optional.empty();
        };
    }

    private static void deleteAll(Path folder) {
        try (Stream<Path> all = Files.walk(folder)) {
            all.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
        } catch (IOException | UncheckedIOException e) {
            // A temporary folder left behind is the system's to clean; nothing depends on it.
        }
    }

    /** Why a call could not be carried out, in words for the worker (never the call's content). */
    static final class CallFailed extends RuntimeException {
        CallFailed(String why) {
            super(why, null, false, false);
        }
    }
}
