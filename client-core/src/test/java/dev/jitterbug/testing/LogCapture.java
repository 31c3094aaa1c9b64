package dev.jitterbug.testing;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import java.util.List;
import java.util.stream.Collectors;
import org.slf4j.LoggerFactory;

/**
 * Captures what one logger (and its children) writes, at a level of the test's choosing, until closed; e.g. the wire
 * log ({@code dev.jitterbug.wire} at DEBUG) to see probes and acks go by.
 */
public final class LogCapture implements AutoCloseable {
    private final Logger logger;
    private final Level previousLevel;
    private final boolean previousAdditivity;
    private final ListAppender<ILoggingEvent> appender = new ListAppender<>();

    private LogCapture(String name, Level level) {
        logger = (Logger) LoggerFactory.getLogger(name);
        previousLevel = logger.getLevel();
        previousAdditivity = logger.isAdditive();
        logger.setLevel(level);
        logger.setAdditive(false); // captured here only, not also printed into the test's output
        appender.start();
        logger.addAppender(appender);
    }

    /** The wire log: every element sent and received, authentication redacted. */
    public static LogCapture wire() {
        return new LogCapture("dev.jitterbug.wire", Level.DEBUG);
    }

    public static LogCapture of(String loggerName, Level level) {
        return new LogCapture(loggerName, level);
    }

    /** Every formatted message so far. */
    public List<String> lines() {
        synchronized (appender) { // AppenderBase.doAppend holds this lock while appending
            return appender.list.stream().map(ILoggingEvent::getFormattedMessage).collect(Collectors.toList());
        }
    }

    /** The events themselves (with any throwable), so far. */
    public List<ILoggingEvent> events() {
        synchronized (appender) { // AppenderBase.doAppend holds this lock while appending
            return List.copyOf(appender.list);
        }
    }

    /** How many lines so far contain every one of the given fragments. */
    public int count(String... fragments) {
        int n = 0;
        for (String line : lines()) {
            boolean all = true;
            for (String fragment : fragments) {
                all &= line.contains(fragment);
            }
            n += all ? 1 : 0;
        }
        return n;
    }

    @Override
    public void close() {
        logger.detachAppender(appender);
        logger.setLevel(previousLevel);
        logger.setAdditive(previousAdditivity);
    }
}
