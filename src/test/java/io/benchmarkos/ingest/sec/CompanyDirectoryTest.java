package io.benchmarkos.ingest.sec;

import io.benchmarkos.ingest.support.MemoryDatabase;
import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;

import static org.assertj.core.api.Assertions.assertThat;

class CompanyDirectoryTest {

    @Test
    void aCompanysTickerIsTheShareClassSecListsFirstNotTheFirstInTheAlphabet() throws Exception {
        JdbcDataSource db = MemoryDatabase.migrated("directory");
        CompanyDirectory directory = new CompanyDirectory(db, Clock.systemUTC(), Duration.ofHours(24));
        // The order of SEC's own map: each company's main class first, its other classes far down the list.
        directory.replaceTickerMap(("{\"0\":{\"cik_str\":1652044,\"ticker\":\"GOOGL\",\"title\":\"Alphabet Inc.\"},"
                + "\"1\":{\"cik_str\":1067983,\"ticker\":\"BRK-B\",\"title\":\"BERKSHIRE HATHAWAY INC\"},"
                + "\"2\":{\"cik_str\":1652044,\"ticker\":\"GOOG\",\"title\":\"Alphabet Inc.\"},"
                + "\"3\":{\"cik_str\":1067983,\"ticker\":\"BRK-A\",\"title\":\"BERKSHIRE HATHAWAY INC\"}}")
                .getBytes(StandardCharsets.UTF_8));

        assertThat(directory.tickerForCik(1652044)).hasValue("GOOGL");
        assertThat(directory.tickerForCik(1067983)).hasValue("BRK-B");
        assertThat(directory.cikForTicker("GOOG")).hasValue(1652044L);
        assertThat(directory.tickerForCik(320193)).isEmpty();
    }

    @Test
    void theMapIsStaleWhenMissingOrOlderThanItsMaxAge() throws Exception {
        JdbcDataSource db = MemoryDatabase.migrated("directory-age");
        Instant refreshed = Instant.parse("2026-12-05T00:00:00Z");
        Duration maxAge = Duration.ofHours(24);
        byte[] map = "{\"0\":{\"cik_str\":320193,\"ticker\":\"AAPL\",\"title\":\"Apple Inc.\"}}"
                .getBytes(StandardCharsets.UTF_8);

        assertThat(at(db, refreshed, maxAge).isTickerMapStale()).as("no map yet").isTrue();
        at(db, refreshed, maxAge).replaceTickerMap(map);

        assertThat(at(db, refreshed.plus(Duration.ofHours(23)), maxAge).isTickerMapStale()).isFalse();
        assertThat(at(db, refreshed.plus(Duration.ofHours(25)), maxAge).isTickerMapStale()).isTrue();
    }

    private static CompanyDirectory at(JdbcDataSource db, Instant now, Duration maxAge) {
        return new CompanyDirectory(db, Clock.fixed(now, ZoneOffset.UTC), maxAge);
    }
}
