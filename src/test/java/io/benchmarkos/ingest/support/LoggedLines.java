package io.benchmarkos.ingest.support;

import org.apache.logging.log4j.Level;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.core.LogEvent;
import org.apache.logging.log4j.core.LoggerContext;
import org.apache.logging.log4j.core.appender.AbstractAppender;
import org.apache.logging.log4j.core.config.Property;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** Collects the lines at or above a level that every logger of this JVM writes while it is open: "logger: message". */
public final class LoggedLines extends AbstractAppender implements AutoCloseable {

    private final List<String> lines = new CopyOnWriteArrayList<>();

    private LoggedLines() {
        super("test-lines", null, null, true, Property.EMPTY_ARRAY);
    }

    public static LoggedLines errors() {
        return atLeast(Level.ERROR);
    }

    public static LoggedLines atLeast(Level level) {
        LoggedLines lines = new LoggedLines();
        lines.start();
        LoggerContext context = (LoggerContext) LogManager.getContext(false);
        context.getConfiguration().getRootLogger().addAppender(lines, level, null);
        context.updateLoggers();
        return lines;
    }

    @Override
    public void append(LogEvent event) {
        lines.add(event.getLoggerName() + ": " + event.getMessage().getFormattedMessage());
    }

    public List<String> lines() {
        return List.copyOf(lines);
    }

    @Override
    public void close() {
        LoggerContext context = (LoggerContext) LogManager.getContext(false);
        context.getConfiguration().getRootLogger().removeAppender(getName());
        context.updateLoggers();
        stop();
    }
}
