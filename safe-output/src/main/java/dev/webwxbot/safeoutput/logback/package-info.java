/**
 * Logback's side of the log safety, named in {@code config/logback.xml} and every {@code logback-test.xml}: the
 * {@code %safeMsg} and {@code %safeEx} converters clean every message and exception text of every appender (so
 * no call site has to remember to), and the rolling file appender keeps log files owner-only. Public because
 * Logback instantiates them by class name.
 */
package dev.webwxbot.safeoutput.logback;
