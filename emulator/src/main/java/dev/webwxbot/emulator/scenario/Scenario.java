package dev.webwxbot.emulator.scenario;

import com.typesafe.config.ConfigException;
import com.typesafe.config.ConfigFactory;
import com.typesafe.config.ConfigObject;
import com.typesafe.config.ConfigParseOptions;
import com.typesafe.config.ConfigResolveOptions;
import com.typesafe.config.ConfigSyntax;
import dev.webwxbot.emulator.Emulator;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.function.Consumer;

/**
 * A validated scenario file: a world (accounts, friends, official accounts, groups with in-group names, generated
 * large address books) and a timed script of phone-side actions, ready to be played against an {@link Emulator}.
 *
 * <pre>{@code
 * Scenario scenario = Scenario.bundled("every-kind");          // or Scenario.load(Path.of("my.conf"))
 * try (Emulator emu = Emulator.builder().port(0).start();
 *      ScenarioRun run = scenario.start(emu, System.out::println)) {
 *     // point a client at emu.baseUrl(); the script scans the QR code, then sends every message kind
 *     run.awaitFinished(Duration.ofMinutes(1));
 * }
 * }</pre>
 *
 * <p>Loading validates everything (keys, types, ranges, references along the script, media files) and throws a
 * {@link ScenarioException} listing every problem with its line, so a bad scenario never starts half-way.
 * Immutable and thread-safe; each {@link #start} gives an independent run.
 */
public final class Scenario {
    /** The scenarios shipped in the emulator jar, under {@code scenarios/<name>.conf}. */
    public static final List<String> BUNDLED = List.of("demo", "every-kind");
    private static final int MAX_FILE_BYTES = 8 * 1024 * 1024;

    private final String fileName;
    private final String name;
    private final String description;
    private final Duration waitTimeout;
    private final WorldSpec world;
    private final List<Step> steps;

    Scenario(String name, String description, Duration waitTimeout, WorldSpec world, List<Step> steps) {
        this(null, name, description, waitTimeout, world, steps);
    }

    Scenario(String fileName, String name, String description, Duration waitTimeout, WorldSpec world,
                     List<Step> steps) {
        this.fileName = fileName;
        this.name = name;
        this.description = description;
        this.waitTimeout = waitTimeout;
        this.world = world;
        this.steps = List.copyOf(steps);
    }

    /**
     * Parses scenario text; {@code fileName} is used in error messages and relative media paths resolve against
     * {@code baseDirectory}.
     *
     * @throws ScenarioException listing every problem
     */
    public static Scenario parse(String hocon, String fileName, Path baseDirectory) {
        Objects.requireNonNull(hocon, "hocon");
        Objects.requireNonNull(fileName, "fileName");
        ConfigObject root;
        try {
            root = ConfigFactory.parseString(hocon, ConfigParseOptions.defaults()
                            .setSyntax(ConfigSyntax.CONF).setOriginDescription(fileName).setAllowMissing(false))
                    .resolve(ConfigResolveOptions.noSystem()).root();
        } catch (ConfigException e) {
            throw new ScenarioException(List.of(e.getMessage()));
        }
        Scenario parsed = new ScenarioParser(fileName, baseDirectory).parse(root);
        return new Scenario(fileName, parsed.name, parsed.description, parsed.waitTimeout, parsed.world, parsed.steps);
    }

    /** Reads and validates a scenario file; media paths in it are relative to its folder. */
    public static Scenario load(Path file) {
        try {
            if (Files.size(file) > MAX_FILE_BYTES) {
                throw new ScenarioException(List.of(file + ": larger than " + MAX_FILE_BYTES + " bytes"));
            }
            Path absolute = file.toAbsolutePath();
            return parse(Files.readString(absolute, StandardCharsets.UTF_8), String.valueOf(absolute.getFileName()),
                    absolute.getParent());
        } catch (IOException e) {
            throw new ScenarioException(List.of(file + ": cannot read (" + e.getClass().getSimpleName() + ": "
                    + e.getMessage() + ")"));
        }
    }

    /**
     * A recording made with {@code webwx-bot run --record FILE} as a scenario: the recorded contacts as the world, a
     * QR scan, then every message the recorded session received, in order, exactly as captured (UserNames mapped).
     * See docs/notes/record-replay.md.
     *
     * @throws ScenarioException when the file is not a recording or holds no session
     */
    public static Scenario fromRecording(Path file) {
        return RecordingReplay.read(file);
    }

    /** One of {@link #BUNDLED}, e.g. {@code every-kind}. */
    public static Scenario bundled(String name) {
        if (!BUNDLED.contains(name)) {
            throw new ScenarioException(List.of("no bundled scenario \"" + name + "\" (bundled: "
                    + String.join(", ", BUNDLED) + ")"));
        }
        try (InputStream in = Scenario.class.getResourceAsStream("/scenarios/" + name + ".conf")) {
            if (in == null) {
                throw new IllegalStateException("bundled scenario missing from the jar: " + name);
            }
            return parse(new String(in.readAllBytes(), StandardCharsets.UTF_8), name + ".conf", Path.of("."));
        } catch (IOException e) {
            throw new IllegalStateException("cannot read bundled scenario " + name, e);
        }
    }

    /**
     * A scenario file at {@code fileOrName} if one exists, else the bundled scenario of that name (so a local file
     * named like a bundled one wins).
     *
     * @throws ScenarioException when it is neither, or is invalid
     */
    public static Scenario resolve(String fileOrName) {
        Path file = Path.of(fileOrName);
        if (Files.isRegularFile(file)) {
            return load(file);
        }
        if (BUNDLED.contains(fileOrName)) {
            return bundled(fileOrName);
        }
        throw new ScenarioException(List.of("no scenario file " + fileOrName
                + " and no bundled scenario of that name (bundled: " + String.join(", ", BUNDLED) + ")"));
    }

    /** The scenario's {@code name} (default: the file name without {@code .conf}). */
    public String name() {
        return name;
    }

    public String description() {
        return description;
    }

    /** The file name used in messages. */
    public String fileName() {
        return fileName == null ? name + ".conf" : fileName;
    }

    /** How long a step may wait for a QR code, a login or a reply ({@code wait-timeout}, default 10 minutes). */
    public Duration waitTimeout() {
        return waitTimeout;
    }

    /** The ids of the scenario's accounts, in file order. */
    public List<String> accountIds() {
        return world.accounts().stream().map(WorldSpec.AccountSpec::id).toList();
    }

    public int stepCount() {
        return steps.size();
    }

    List<Step> steps() {
        return steps;
    }

    WorldSpec world() {
        return world;
    }

    /** Creates the world in {@code emulator}, then plays the script on a thread of its own. */
    public ScenarioRun start(Emulator emulator) {
        return start(emulator, line -> { });
    }

    /**
     * Creates the world in {@code emulator} (before returning), then plays the script on a thread of its own,
     * telling {@code log} what each step did (on that thread). The run must be closed or awaited.
     */
    public ScenarioRun start(Emulator emulator, Consumer<String> log) {
        return start(emulator, log, run -> { });
    }

    /**
     * As {@link #start(Emulator, Consumer)}, calling {@code beforeScript} once the world exists and before the first
     * step (e.g. to attach conversation listeners to the scenario's accounts without missing a line).
     */
    public ScenarioRun start(Emulator emulator, Consumer<String> log, Consumer<ScenarioRun> beforeScript) {
        Objects.requireNonNull(emulator, "emulator");
        Objects.requireNonNull(log, "log");
        Objects.requireNonNull(beforeScript, "beforeScript");
        return ScenarioRun.start(this, emulator, Cast.populate(emulator, world), log, beforeScript);
    }

    @Override
    public String toString() {
        return "scenario " + name + " (" + world.accounts().size() + " account(s), " + steps.size() + " steps)";
    }
}
