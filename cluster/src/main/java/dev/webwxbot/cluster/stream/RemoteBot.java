package dev.webwxbot.cluster.stream;

import dev.webwxbot.api.AccountOperations;
import dev.webwxbot.api.Bot;
import dev.webwxbot.api.Contact;
import dev.webwxbot.api.Contacts;
import dev.webwxbot.api.FailureReason;
import dev.webwxbot.api.History;
import dev.webwxbot.api.Outgoing;
import dev.webwxbot.api.Result;
import dev.webwxbot.api.SendReceipt;
import dev.webwxbot.api.event.MessageEvent;
import java.io.IOException;
import java.lang.reflect.InvocationHandler;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The {@link Bot} plugins get on a worker: every call is made of the gateway holding the account, through the
 * account's command stream, and answered on the worker's answer stream. Sends made while handling a message carry
 * the message's id and their place among its answers, so that the gateway gives each the client id a replay
 * recognises: a chain run twice (its worker died) does not answer twice. Files travel as bytes both ways.
 * Thread-safe, as the session's bot is.
 */
final class RemoteBot implements Bot {

    private final Caller caller;
    private final String account;
    private final String answering;
    private final boolean numbered;
    private final Contact self;
    private final AtomicInteger answers = new AtomicInteger();
    private final Contacts contacts;
    private final AccountOperations operations;
    private final History history;

    /**
     * @param answering what identifies the event being handled at the gateway; empty for news and for jobs
     * @param numbered whether the sends are the answers of a received message, numbered by their place
     * @param self the account's own contact as the gateway knew it when it published the event; null to ask the
     *     gateway when it is wanted
     */
    RemoteBot(Caller caller, String account, String answering, boolean numbered, Contact self) {
        this.caller = caller;
        this.account = account;
        this.answering = answering;
        this.numbered = numbered;
        this.self = self;
        this.contacts = proxy(Contacts.class);
        this.operations = proxy(AccountOperations.class);
        this.history = proxy(History.class);
    }

    @Override
    public Contact self() {
        if (self != null) return self;
        Answer answered = caller.call(account, call(CallTargets.BOT, "self", -1, List.of(), "", ""));
        if (answered.failed()) throw new IllegalStateException("the gateway could not answer self: " + answered.error());
        return WireJson.read(answered.value(), Contact.class);
    }

    @Override
    public Contacts contacts() {
        return contacts;
    }

    @Override
    public AccountOperations account() {
        return operations;
    }

    @Override
    public History history() {
        return history;
    }

    @Override
    public SendReceipt send(Contact chat, Outgoing message) {
        int answer = numbered ? answers.getAndIncrement() : -1;
        String file = "";
        String name = "";
        Optional<Path> attached = CallRunner.fileOf(message);
        try {
            if (attached.isPresent()) {
                Path path = attached.get();
                if (Files.size(path) > CallRunner.MAX_FILE_BYTES) {
                    return new SendReceipt.Failed(FailureReason.TOO_LARGE, 0, "the file is larger than a worker's call"
                            + " carries (" + CallRunner.MAX_FILE_BYTES + " bytes)");
                }
                file = Base64.getEncoder().encodeToString(Files.readAllBytes(path));
                name = FileNames.clean(String.valueOf(path.getFileName()));
            }
            Answer answered = caller.call(account, call(CallTargets.BOT, "send", answer,
                    List.of(WireJson.write(chat, Contact.class), WireJson.write(message, Outgoing.class)), file, name));
            if (answered.failed()) return new SendReceipt.Failed(FailureReason.REJECTED, 0, answered.error());
            return WireJson.read(answered.value(), SendReceipt.class);
        } catch (IOException e) {
            return new SendReceipt.Failed(FailureReason.INVALID_REQUEST, 0, "the file cannot be read: " + e.getClass().getSimpleName());
        } catch (CallRunner.CallFailed | WireException e) {
            return new SendReceipt.Failed(FailureReason.NETWORK, 0, e.getMessage());
        }
    }

    @Override
    public Result<Void> revoke(SendReceipt.Sent receipt) {
        return plainCall("revoke", receipt, SendReceipt.Sent.class);
    }

    @Override
    public Result<Path> download(MessageEvent event, Path directory) {
        return fetch("download", WireJson.write(event, MessageEvent.class), directory);
    }

    @Override
    public Result<Path> downloadThumbnail(MessageEvent event, Path directory) {
        return fetch("downloadThumbnail", WireJson.write(event, MessageEvent.class), directory);
    }

    @Override
    public Result<Path> downloadHeadImage(Contact contact, Path directory) {
        return fetch("downloadHeadImage", WireJson.write(contact, Contact.class), directory);
    }

    /** A download made on the gateway, its file written into {@code directory} here. */
    private Result<Path> fetch(String method, String what, Path directory) {
        try {
            Answer answered = caller.call(account, call(CallTargets.BOT, method, -1, List.of(what, ""), "", ""));
            if (answered.failed()) return new Result.Failed<>(FailureReason.NETWORK, 0, answered.error());
            Result<Path> result = WireJson.read(answered.value(), WireJson.<Result<Path>>type(Result.class, Path.class));
            if (!(result instanceof Result.Ok<Path>) || answered.file().isEmpty()) return result;
            Files.createDirectories(directory);
            Path file = directory.resolve(FileNames.clean(answered.fileName()));
            Files.write(file, Base64.getDecoder().decode(answered.file()));
            return new Result.Ok<>(file);
        } catch (IOException e) {
            return new Result.Failed<>(FailureReason.INVALID_REQUEST, 0, "the downloaded file cannot be written here: "
                    + e.getClass().getSimpleName());
        } catch (CallRunner.CallFailed | WireException e) {
            return new Result.Failed<>(FailureReason.NETWORK, 0, e.getMessage());
        }
    }

    private Result<Void> plainCall(String method, Object argument, Class<?> type) {
        try {
            Answer answered = caller.call(account, call(CallTargets.BOT, method, -1,
                    List.of(WireJson.write(argument, type)), "", ""));
            if (answered.failed()) return new Result.Failed<>(FailureReason.REJECTED, 0, answered.error());
            return WireJson.read(answered.value(), WireJson.<Result<Void>>type(Result.class, Void.class));
        } catch (CallRunner.CallFailed | WireException e) {
            return new Result.Failed<>(FailureReason.NETWORK, 0, e.getMessage());
        }
    }

    private Call call(String target, String method, int answer, List<String> args, String file, String name) {
        return new Call(caller.nextId(), caller.node(), answering, answer, target, method, args, file, name);
    }

    /** {@code type}'s methods, each made of the gateway; a failure is a {@link Result.Failed} where one is returned. */
    private <T> T proxy(Class<T> type) {
        String target = CallTargets.name(type);
        InvocationHandler handler = (proxy, method, args) -> {
            if (method.getDeclaringClass() == Object.class) return local(proxy, method, args, type);
            List<String> wire = new ArrayList<>();
            java.lang.reflect.Type[] types = method.getGenericParameterTypes();
            Object[] given = args == null ? new Object[0] : args;
            for (int i = 0; i < given.length; i++) wire.add(WireJson.write(given[i], WireJson.type(types[i])));
            try {
                Answer answered = caller.call(account, call(target, method.getName(), -1, wire, "", ""));
                if (answered.failed()) return failed(method, answered.error());
                return WireJson.read(answered.value(), WireJson.type(method.getGenericReturnType()));
            } catch (CallRunner.CallFailed | WireException e) {
                return failed(method, e.getMessage());
            }
        };
        return type.cast(Proxy.newProxyInstance(type.getClassLoader(), new Class<?>[] {type}, handler));
    }

    /** What a failed call returns: a failed {@link Result} where the method returns one; otherwise it throws. */
    private static Object failed(Method method, String why) {
        if (method.getReturnType() == Result.class) return new Result.Failed<>(FailureReason.NETWORK, 0, why);
        throw new IllegalStateException("the gateway could not answer " + method.getName() + ": " + why);
    }

    private Object local(Object proxy, Method method, Object[] args, Class<?> type) {
        return switch (method.getName()) {
            case "equals" -> proxy == args[0];
            case "hashCode" -> System.identityHashCode(proxy);
            default -> "remote " + type.getSimpleName() + " of account " + account;
        };
    }

    @Override
    public String toString() {
        return "RemoteBot[" + account + (answering.isEmpty() ? "" : ", answering " + answering) + "]";
    }
}
