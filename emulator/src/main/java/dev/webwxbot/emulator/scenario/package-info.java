/**
 * Scenario files: a HOCON description of a world (accounts, friends, official accounts, groups, generated large
 * address books) and a timed script of phone-side actions, validated as a whole before anything runs and then
 * played against an {@link dev.webwxbot.emulator.Emulator} through its public API only. Entry point:
 * {@link dev.webwxbot.emulator.scenario.Scenario}.
 */
package dev.webwxbot.emulator.scenario;
