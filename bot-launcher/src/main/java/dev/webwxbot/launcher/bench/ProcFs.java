package dev.webwxbot.launcher.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * What Linux says of a process in {@code /proc}: CPU time used (user + system, every thread) and peak resident set.
 * The benchmark reads it of the client and of itself, so the client's cost is measured from outside, the same way for
 * a JVM and for Node.
 */
final class ProcFs {

    /** {@code getconf CLK_TCK}: the unit of utime and stime. 100 on every Linux this runs on (x86-64, arm64). */
    static final long TICKS_PER_SECOND = 100;

    private ProcFs() {
    }

    /** utime + stime of {@code pid} in milliseconds, every thread included (fields 14 and 15 of stat). */
    static long cpuMillis(long pid) {
        String stat = read(pid, "stat");
        // The command name (field 2) is in parentheses and may hold spaces: count fields after the last ')'.
        String[] fields = stat.substring(stat.lastIndexOf(')') + 2).trim().split(" ");
        long ticks = Long.parseLong(fields[11]) + Long.parseLong(fields[12]);
        return ticks * 1000 / TICKS_PER_SECOND;
    }

    /** VmHWM of {@code pid}: the most resident memory it has had, in kB. */
    static long peakRssKb(long pid) {
        for (String line : read(pid, "status").split("\n")) {
            if (line.startsWith("VmHWM:")) {
                return Long.parseLong(line.substring("VmHWM:".length()).replace("kB", "").trim());
            }
        }
        throw new IllegalStateException("no VmHWM in /proc/" + pid + "/status");
    }

    /** True where {@code /proc} can tell these figures (Linux). */
    static boolean available() {
        return Files.isReadable(Path.of("/proc/self/stat")) && Files.isReadable(Path.of("/proc/self/status"));
    }

    private static String read(long pid, String file) {
        try {
            return Files.readString(Path.of("/proc", Long.toString(pid), file));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read /proc/" + pid + "/" + file + " (has the process exited?)", e);
        }
    }
}
