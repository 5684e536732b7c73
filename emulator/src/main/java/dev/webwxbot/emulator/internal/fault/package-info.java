/**
 * Fault injection bookkeeping: the seeded rules that decide which request is hit and the log of what fired. How a
 * fault is carried out on the wire lives next to the server ({@code internal.FaultGate}).
 */
package dev.webwxbot.emulator.internal.fault;
