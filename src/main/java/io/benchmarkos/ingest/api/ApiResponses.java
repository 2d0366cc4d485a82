package io.benchmarkos.ingest.api;

import io.benchmarkos.ingest.jobs.JobNotQueuedException;
import org.apache.camel.Exchange;

import java.util.Map;

/** Maps a failed API exchange to a status code and a JSON error body. */
public class ApiResponses {

    private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(ApiResponses.class);

    public Map<String, Object> error(Exchange exchange) {
        Throwable e = known(exchange.getProperty(Exchange.EXCEPTION_CAUGHT, Exception.class));
        int status;
        String message;
        if (e instanceof ApiGuard.UnauthorizedException) {
            status = 401;
            message = e.getMessage();
        } else if (e instanceof ApiQueries.NotFoundException) {
            status = 404;
            message = e.getMessage();
        } else if (e instanceof io.benchmarkos.ingest.jobs.InvalidJobException
                || e instanceof IllegalArgumentException) {
            status = 400;
            message = e.getMessage();
        } else if (e instanceof JobNotQueuedException) {
            status = 503;
            message = e.getMessage();
        } else {
            status = 500;
            message = "internal error; see the application log";
            LOG.warn("API request failed: {}", e == null ? "?" : e.toString(), e);
        }
        exchange.getMessage().setHeader(Exchange.HTTP_RESPONSE_CODE, status);
        exchange.getMessage().setHeader(Exchange.CONTENT_TYPE, "application/json");
        return Map.of("error", message == null ? "error" : message, "status", status);
    }

    /** Bean expressions wrap what a bean throws; the first known cause decides the status. */
    private static Throwable known(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof ApiGuard.UnauthorizedException || t instanceof ApiQueries.NotFoundException
                    || t instanceof io.benchmarkos.ingest.jobs.InvalidJobException
                    || t instanceof IllegalArgumentException || t instanceof JobNotQueuedException) {
                return t;
            }
        }
        return e;
    }

    public Object jobOrNotFound(java.util.Optional<Map<String, Object>> job, String id) {
        return job.orElseThrow(() -> new ApiQueries.NotFoundException("no job " + id));
    }
}
