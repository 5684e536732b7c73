package dev.webwxbot.emulator.scenario;

/**
 * What one script step did. Immutable and thread-safe.
 *
 * @param number      the step's position in the script, from 1
 * @param line        the line of the scenario file the step starts on
 * @param stepId      the step's {@code id}, {@code ""} when it has none
 * @param action      the {@code do} value, e.g. {@code send}
 * @param kind        for {@code send}, the message kind (e.g. {@code image}); {@code ""} otherwise
 * @param msgId       the MsgId the emulator delivered, {@code ""} when the step delivered no message of its own
 * @param description a one-line account of the step for people, e.g. {@code Alice sends text in Weekend hikers}
 */
public record StepOutcome(int number, int line, String stepId, String action, String kind, String msgId,
                          String description) {
}
