package io.benchmarkos.ingest.api;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.benchmarkos.ingest.DatabaseOutage;
import io.benchmarkos.ingest.ask.AskService;
import org.apache.camel.CamelContext;
import org.apache.camel.Exchange;
import org.apache.camel.RuntimeCamelException;
import org.apache.camel.impl.DefaultCamelContext;
import org.apache.camel.support.DefaultExchange;
import org.junit.jupiter.api.Test;

import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A request that failed because the database is down is a 503 saying to try again, not a 500 "internal error", and
 * the pool's own wording does not reach the caller.
 */
class DatabaseOutageAnswerTest {

    private static final CamelContext CAMEL = new DefaultCamelContext();

    @Test
    void thePoolFindingNoConnectionIsA503() {
        // As HikariCP throws it once its connection timeout passes, wrapped by a bean call.
        Exception poolTimeout = new RuntimeCamelException(new SQLTransientConnectionException("benchmarkos-db -"
                + " Connection is not available, request timed out after 10001ms.", "08001",
                new SQLException("Connection to 127.0.0.1:5544 refused.", "08001")));
        Exchange exchange = failedWith(poolTimeout);

        Map<String, Object> answer = new ApiResponses().error(exchange);

        assertThat(exchange.getMessage().getHeader(Exchange.HTTP_RESPONSE_CODE)).isEqualTo(503);
        assertThat(answer).containsEntry("error", DatabaseOutage.MESSAGE).containsEntry("status", 503);
        assertThat(new ApiResponses().askErrorStatus(failedWith(poolTimeout))).isEqualTo(503);
    }

    @Test
    void aConnectionFailureOfTheDriverIsA503AndOtherSqlErrorsStay500() {
        Exception refused = new SQLException("Connection refused", "08006");
        Exception badSql = new SQLException("column not found", "42703");

        assertThat(new ApiResponses().askErrorStatus(failedWith(refused))).isEqualTo(503);
        assertThat(new ApiResponses().askErrorStatus(failedWith(badSql))).isEqualTo(500);
        Exchange exchange = failedWith(badSql);
        assertThat(new ApiResponses().error(exchange))
                .containsEntry("error", "internal error; see the application log");
        assertThat(exchange.getMessage().getHeader(Exchange.HTTP_RESPONSE_CODE)).isEqualTo(500);
    }

    @Test
    void anAskThatFailedOnTheDatabaseSaysSoInWordsAnAskerCanUse() {
        Exception poolTimeout = new SQLTransientConnectionException("benchmarkos-db - Connection is not available,"
                + " request timed out after 10001ms.", "08001");
        AskService ask = new AskService(null, null, null, new ObjectMapper(), Clock.systemUTC(),
                Duration.ofHours(24), Duration.ofMinutes(10));

        Map<String, Object> answer = ask.error(failedWith(poolTimeout));

        assertThat(answer).containsEntry("status", "error").containsEntry("message", DatabaseOutage.MESSAGE);
    }

    private static Exchange failedWith(Exception failure) {
        Exchange exchange = new DefaultExchange(CAMEL);
        exchange.setProperty(Exchange.EXCEPTION_CAUGHT, failure);
        return exchange;
    }
}
