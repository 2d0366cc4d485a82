package io.benchmarkos.ingest.jobs;

import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The event's log line names the company by what the job knew, without empty placeholders. */
class JobEventTest {

    @Test
    void aResolvedCompanyHasTickerAndCik() {
        assertThat(event("MSFT", 789019L).describeCompany()).isEqualTo("MSFT (CIK 789019)");
    }

    @Test
    void aTickerThatWasNeverResolvedStandsAlone() {
        assertThat(event("ZZZZ", null).describeCompany()).isEqualTo("ZZZZ");
    }

    @Test
    void aJobByCikAloneIsNamedByIt() {
        assertThat(event(null, 320193L).describeCompany()).isEqualTo("CIK 320193");
        assertThat(event("", null).describeCompany()).isEqualTo("an unnamed company");
    }

    @Test
    void notesJoinTheReasonAndTheWarnings() {
        JobEvent event = new JobEvent("j", null, null, "MSFT", 789019L, null, "failed", 0, 0, 0, 0, 0, 5,
                Instant.EPOCH, "SEC answered 404", List.of("market KPIs unavailable"));
        assertThat(event.describeNotes()).isEqualTo("SEC answered 404; market KPIs unavailable");
    }

    private static JobEvent event(String ticker, Long cik) {
        return new JobEvent("j", null, null, ticker, cik, null, "failed", 0, 0, 0, 0, 0, 5, Instant.EPOCH, null, null);
    }
}
