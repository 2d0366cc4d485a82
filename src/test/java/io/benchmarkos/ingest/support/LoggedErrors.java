package io.benchmarkos.ingest.support;

import org.apache.logging.log4j.Level;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.core.LogEvent;
import org.apache.logging.log4j.core.LoggerContext;
import org.apache.logging.log4j.core.appender.AbstractAppender;
import org.apache.logging.log4j.core.config.Property;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** Collects the ERROR lines every logger of this JVM writes while it is open: "logger: message". */
public final class LoggedErrors extends AbstractAppender implements AutoCloseable {

    private final List<String> lines = new CopyOnWriteArrayList<>();

    private LoggedErrors() {
        super("test-errors", null, null, true, Property.EMPTY_ARRAY);
    }

    public static LoggedErrors collect() {
        LoggedErrors errors = new LoggedErrors();
        errors.start();
        LoggerContext context = (LoggerContext) LogManager.getContext(false);
        context.getConfiguration().getRootLogger().addAppender(errors, Level.ERROR, null);
        context.updateLoggers();
        return errors;
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
