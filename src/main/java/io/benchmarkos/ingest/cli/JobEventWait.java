package io.benchmarkos.ingest.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.jms.Connection;
import jakarta.jms.ExceptionListener;
import jakarta.jms.JMSException;
import jakarta.jms.Message;
import jakarta.jms.MessageConsumer;
import jakarta.jms.TextMessage;

import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Waits on the event topic for one job's completion event, and tells a broker connection that went away from a
 * wait that ran out: the embedded broker lives in {@code serve}, so stopping it ends the wait long before the timeout.
 */
final class JobEventWait implements ExceptionListener {

    /** The wait ended because the broker connection went, not because the timeout passed. */
    static final class BrokerLostException extends Exception {
        BrokerLostException(String why) {
            super(why);
        }

        /** The line the client commands print, exit code 3. */
        String line(String jobId) {
            return "the broker connection was lost while waiting for job " + jobId + " (" + getMessage()
                    + "); check later with: status " + jobId;
        }
    }

    /** The application took no request or gave no answer within the command's wait; the broker stayed. */
    static final class NoReplyException extends Exception {
        NoReplyException(String line) {
            super(line);
        }
    }

    /** Receives in slices so that a loss reported only to the listener ends the wait within one slice. */
    private static final long SLICE_MS = 1000;
    /** A receive that returns empty this much before its slice ended did so because its consumer was closed. */
    private static final long EARLY_MS = 100;
    private static final ObjectMapper JSON = new ObjectMapper();

    private final AtomicReference<JMSException> lost = new AtomicReference<>();

    /** Listens for the connection's failure from now on; call before the job is sent. */
    JobEventWait(Connection connection) throws JMSException {
        connection.setExceptionListener(this);
    }

    @Override
    public void onException(JMSException e) {
        lost.compareAndSet(null, e);
    }

    /** The job's completion event, or none and the exit code after the line on stderr that says why. */
    record Outcome(JsonNode event, int exitCode) {
    }

    /** {@link #await}, with its two ways to end without an event told apart: exit code 3 or 4. */
    Outcome awaitOrSay(MessageConsumer events, String jobId, int timeoutSeconds, PrintStream err) throws Exception {
        try {
            JsonNode event = await(events, jobId, timeoutSeconds * 1000L);
            if (event != null) {
                return new Outcome(event, 0);
            }
            err.println("no completion event for job " + jobId + " within " + timeoutSeconds
                    + " s; check later with: status " + jobId);
            return new Outcome(null, 4);
        } catch (BrokerLostException e) {
            err.println(e.line(jobId));
            return new Outcome(null, 3);
        }
    }

    /** The job's completion event, or null when none came within the timeout. */
    JsonNode await(MessageConsumer events, String jobId, long timeoutMillis) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(timeoutMillis);
        for (long left = timeoutMillis; left > 0; left = TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime())) {
            Message message = receive(events, left);
            if (message == null) {
                break;
            }
            JsonNode event = JSON.readTree(text(message));
            if (jobId.equals(event.path("jobId").asText())) {
                return event;
            }
        }
        checkConnection();
        return null;
    }

    /**
     * The next message within the timeout, or null when none came: a receive alone cannot tell, since Artemis ends
     * it empty, early, when the broker goes away; that throws instead, so no one blames a timeout that did not pass.
     */
    Message receive(MessageConsumer consumer, long timeoutMillis) throws JMSException, BrokerLostException {
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(timeoutMillis);
        for (long left = timeoutMillis; left > 0; left = TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime())) {
            long slice = Math.min(left, SLICE_MS);
            long start = System.nanoTime();
            Message message;
            try {
                message = consumer.receive(slice);
            } catch (JMSException e) {
                throw new BrokerLostException(reason(e));
            }
            checkConnection();
            if (message != null) {
                return message;
            }
            if (TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start) < slice - EARLY_MS) {
                throw new BrokerLostException("the broker closed the consumer");
            }
        }
        checkConnection();
        return null;
    }

    /** The application's answer on {@code replies}, the request's reply-to queue, within {@code seconds}. */
    Message reply(MessageConsumer replies, int seconds, String command, String queue) throws Exception {
        Message reply = receive(replies, seconds * 1000L);
        if (reply == null) {
            throw new NoReplyException("no answer from the application within " + seconds + " s to " + command
                    + "'s request on " + queue + " (is it running and consuming " + queue + "?)");
        }
        return reply;
    }

    /** Whether the broker connection has failed since this wait began listening. */
    boolean lost() {
        return lost.get() != null;
    }

    private void checkConnection() throws BrokerLostException {
        JMSException e = lost.get();
        if (e != null) {
            throw new BrokerLostException(reason(e));
        }
    }

    /** Artemis wraps its own exception, whose message is the short one ("AMQ219015: … server shutdown"). */
    private static String reason(JMSException e) {
        Throwable inner = e.getCause() != null ? e.getCause() : e.getLinkedException();
        String message = inner != null && inner.getMessage() != null ? inner.getMessage() : e.getMessage();
        return message == null ? e.getClass().getSimpleName() : message;
    }

    static String text(Message message) throws JMSException {
        return message instanceof TextMessage ? message.getBody(String.class)
                : new String(message.getBody(byte[].class), StandardCharsets.UTF_8);
    }
}
