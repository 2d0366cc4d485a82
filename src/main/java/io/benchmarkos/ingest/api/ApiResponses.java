package io.benchmarkos.ingest.api;

import io.benchmarkos.ingest.DatabaseOutage;
import io.benchmarkos.ingest.batch.BatchListUnusableException;
import io.benchmarkos.ingest.batch.BatchRunningException;
import io.benchmarkos.ingest.jobs.InvalidJobException;
import io.benchmarkos.ingest.jobs.JobNotQueuedException;
import org.apache.camel.Exchange;

import java.util.Map;

/** Maps a failed API exchange to a status code and a JSON error body. */
public class ApiResponses {

    private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(ApiResponses.class);

    /** Exceptions whose message is the answer, with their status; anything else is a 500 and a log line. */
    private static final Map<Class<? extends Throwable>, Integer> STATUS_BY_TYPE = Map.of(
            ApiGuard.UnauthorizedException.class, 401,
            ApiQueries.NotFoundException.class, 404,
            InvalidJobException.class, 400,
            IllegalArgumentException.class, 400,
            JobNotQueuedException.class, 503,
            BatchRunningException.class, 409,
            BatchListUnusableException.class, 500);

    public Map<String, Object> error(Exchange exchange) {
        Throwable caught = exchange.getProperty(Exchange.EXCEPTION_CAUGHT, Exception.class);
        Throwable known = known(caught);
        int status;
        String message;
        if (known != null) {
            status = statusOf(known);
            message = known.getMessage();
        } else if (DatabaseOutage.isCauseOf(caught)) {
            status = 503;
            message = DatabaseOutage.MESSAGE;
            LOG.warn("API request failed: database not reachable: {}", caught);
        } else {
            status = 500;
            message = "internal error; see the application log";
            LOG.warn("API request failed: {}", caught == null ? "?" : caught.toString(), caught);
        }
        exchange.getMessage().setHeader(Exchange.HTTP_RESPONSE_CODE, status);
        exchange.getMessage().setHeader(Exchange.CONTENT_TYPE, "application/json");
        return Map.of("error", message == null ? "error" : message, "status", status);
    }

    /**
     * The HTTP status of an answer the ask flow gave as an error: 400 for a refused question, 503 when the broker did
     * not take the job it needed or the database is not reachable, 500 for anything else.
     */
    public int askErrorStatus(Exchange exchange) {
        Throwable caught = exchange.getProperty(Exchange.EXCEPTION_CAUGHT, Exception.class);
        Throwable known = known(caught);
        return known != null ? statusOf(known) : DatabaseOutage.isCauseOf(caught) ? 503 : 500;
    }

    /** Bean expressions wrap what a bean throws: the first cause with a known status decides, or null. */
    private static Throwable known(Throwable caught) {
        Throwable known = caught;
        while (known != null && statusOf(known) == null) {
            known = known.getCause();
        }
        return known;
    }

    private static Integer statusOf(Throwable e) {
        return STATUS_BY_TYPE.entrySet().stream().filter(entry -> entry.getKey().isInstance(e))
                .map(Map.Entry::getValue).findFirst().orElse(null);
    }

    public Object jobOrNotFound(java.util.Optional<Map<String, Object>> job, String id) {
        return job.orElseThrow(() -> new ApiQueries.NotFoundException("no job " + id));
    }
}
