package io.benchmarkos.ingest.monitor;

import io.benchmarkos.ingest.sec.SecUrls;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import org.apache.camel.Exchange;
import org.apache.camel.spi.CamelEvent;
import org.apache.camel.spi.CamelEvent.ExchangeSendingEvent;
import org.apache.camel.spi.CamelEvent.ExchangeSentEvent;
import org.apache.camel.support.EventNotifierSupport;

import java.time.Clock;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Watches every SEC request from the outside, through Camel's exchange events, so the SEC route stays as it is:
 * how long a request waited in {@code sec-get} (pause gate, throttle, shared budget) before its HTTP call, what
 * SEC answered (status code, or {@code io-error} when no answer came), and the last answer for the health check.
 * A SEC call is the send that carries the exchange's {@code secUrl} property as its {@code CamelHttpUri} header
 * (route {@code sec-get} sends every SEC request through one endpoint, the URL in that header).
 */
public class SecTraffic extends EventNotifierSupport {

    /** Exchange property: when the current request entered {@code direct:sec-get} (System.nanoTime). */
    static final String ENTERED_PROPERTY = "secEnteredNanos";
    /** Exchange property: the endpoint of the SEC call in flight, so its answer is known when the headers are not. */
    private static final String CALL_ENDPOINT_PROPERTY = "secCallEndpoint";
    private static final String SEC_ROUTE_URI = "direct://sec-get";
    static final String NO_ANSWER = "io-error";

    /** What SEC last did: a status code (or {@link #NO_ANSWER}) at an instant, with the error when there was one. */
    public record LastAnswer(String status, Instant at, String error) {
        boolean reachable() {
            return !NO_ANSWER.equals(status) && !status.startsWith("5");
        }
    }

    private final MeterRegistry meters;
    private final Clock clock;
    private final Timer wait;
    private final AtomicReference<LastAnswer> last = new AtomicReference<>();

    public SecTraffic(MeterRegistry meters, Clock clock) {
        this.meters = meters;
        this.clock = clock;
        this.wait = Timer.builder("benchmarkos.sec.wait")
                .description("Time an SEC request spent in route sec-get (pause gate, throttle, shared budget)"
                        + " before its HTTP call")
                .register(meters);
        setIgnoreCamelContextEvents(true);
        setIgnoreCamelContextInitEvents(true);
        setIgnoreRouteEvents(true);
        setIgnoreServiceEvents(true);
        setIgnoreStepEvents(true);
        setIgnoreExchangeCreatedEvent(true);
        setIgnoreExchangeCompletedEvent(true);
        setIgnoreExchangeFailedEvents(true);
        setIgnoreExchangeRedeliveryEvents(true);
        setIgnoreExchangeAsyncProcessingStartedEvents(true);
    }

    public Optional<LastAnswer> lastAnswer() {
        return Optional.ofNullable(last.get());
    }

    @Override
    public void notify(CamelEvent event) {
        if (event instanceof ExchangeSendingEvent sending) {
            sending(sending.getExchange(), sending.getEndpoint().getEndpointUri());
        } else if (event instanceof ExchangeSentEvent sent) {
            Exchange exchange = sent.getExchange();
            if (sent.getEndpoint().getEndpointUri().equals(exchange.getProperty(CALL_ENDPOINT_PROPERTY))) {
                exchange.removeProperty(CALL_ENDPOINT_PROPERTY);
                answered(exchange);
            }
        }
    }

    private void sending(Exchange exchange, String uri) {
        if (SEC_ROUTE_URI.equals(uri)) {
            exchange.setProperty(ENTERED_PROPERTY, System.nanoTime());
        } else if (isSecCall(exchange)) {
            exchange.setProperty(CALL_ENDPOINT_PROPERTY, uri);
            Long entered = exchange.getProperty(ENTERED_PROPERTY, Long.class);
            if (entered != null) {
                wait.record(System.nanoTime() - entered, TimeUnit.NANOSECONDS);
            }
        }
    }

    private void answered(Exchange exchange) {
        Exception error = exchange.getException();
        String status = error != null ? NO_ANSWER
                : String.valueOf(exchange.getMessage().getHeader(Exchange.HTTP_RESPONSE_CODE, 0, Integer.class));
        last.set(new LastAnswer(status, clock.instant(), error == null ? null : String.valueOf(error.getMessage())));
        Counter.builder("benchmarkos.sec.requests")
                .description("HTTP requests sent to SEC, by answer status (io-error: no answer)")
                .tag("status", status)
                .register(meters)
                .increment();
    }

    private static boolean isSecCall(Exchange exchange) {
        String secUrl = exchange.getProperty(SecUrls.URL_PROPERTY, String.class);
        return secUrl != null && !secUrl.isEmpty()
                && secUrl.equals(exchange.getMessage().getHeader(Exchange.HTTP_URI, String.class));
    }
}
