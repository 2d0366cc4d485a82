package io.benchmarkos.ingest.sec;

import io.benchmarkos.ingest.facts.MalformedDocumentException;
import io.benchmarkos.ingest.support.MemoryDatabase;
import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Arrays;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

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

    /** A map cut short (a partial download, a damaged mirror file): one line a person can act on, the old map kept. */
    @Test
    void aTruncatedMapFailsWithOneLineNamingTheMapAndWhereItEnds() throws Exception {
        JdbcDataSource db = MemoryDatabase.migrated("directory-truncated");
        CompanyDirectory directory = new CompanyDirectory(db, Clock.systemUTC(), Duration.ofHours(24));
        directory.replaceTickerMap("{\"0\":{\"cik_str\":320193,\"ticker\":\"AAPL\",\"title\":\"Apple Inc.\"}}"
                .getBytes(StandardCharsets.UTF_8));
        StringBuilder map = new StringBuilder("{");
        for (int i = 0; i < 40; i++) {
            map.append(i == 0 ? "" : ",").append("\"").append(i).append("\":{\"cik_str\":").append(1000 + i)
                    .append(",\"ticker\":\"T").append(i).append("\",\"title\":\"Company ").append(i).append("\"}");
        }
        byte[] truncated = Arrays.copyOf(map.append('}').toString().getBytes(StandardCharsets.UTF_8), 1000);

        assertThatThrownBy(() -> directory.replaceTickerMap(truncated)).isInstanceOf(MalformedDocumentException.class)
                .message().startsWith("SEC ticker map (company_tickers.json) is malformed or truncated: Unexpected"
                        + " end-of-input").contains("at line 1, column 1001; ")
                .contains("a local mirror").doesNotContain("\n").doesNotContain("Source").doesNotContain("REDACTED");
        assertThat(directory.cikForTicker("AAPL")).as("the cached map is kept").hasValue(320193L);
    }

    @Test
    void aMapOfAnotherShapeSaysSoInTheSameWords() {
        CompanyDirectory directory = new CompanyDirectory(MemoryDatabase.migrated("directory-shape"),
                Clock.systemUTC(), Duration.ofHours(24));

        for (String json : new String[] {"[]", "{\"0\":[]}", "{}"}) {
            assertThatThrownBy(() -> directory.replaceTickerMap(json.getBytes(StandardCharsets.UTF_8))).as(json)
                    .isInstanceOf(MalformedDocumentException.class).message()
                    .startsWith("SEC ticker map (company_tickers.json) ").contains("a local mirror");
        }
    }

    private static CompanyDirectory at(JdbcDataSource db, Instant now, Duration maxAge) {
        return new CompanyDirectory(db, Clock.fixed(now, ZoneOffset.UTC), maxAge);
    }
}
