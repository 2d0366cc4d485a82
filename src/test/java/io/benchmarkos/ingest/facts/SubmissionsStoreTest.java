package io.benchmarkos.ingest.facts;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.benchmarkos.ingest.jobs.CompanyRef;
import io.benchmarkos.ingest.jobs.JobContext;
import io.benchmarkos.ingest.support.MemoryDatabase;
import io.benchmarkos.ingest.support.SqlCount;
import org.apache.camel.CamelContext;
import org.apache.camel.Exchange;
import org.apache.camel.impl.DefaultCamelContext;
import org.apache.camel.support.DefaultExchange;
import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class SubmissionsStoreTest {

    private static final CamelContext CAMEL = new DefaultCamelContext();
    private static final long CIK = 320193;

    private JdbcDataSource db;
    private SubmissionsStore store;

    @AfterAll
    static void closeCamel() throws Exception {
        CAMEL.close();
    }

    @BeforeEach
    void freshDatabase() {
        db = MemoryDatabase.migrated("submissions");
        store = new SubmissionsStore(db, new ObjectMapper(), Clock.systemUTC());
    }

    private static String document(long cik) {
        return "{\"cik\":\"" + String.format("%010d", cik) + "\",\"name\":\"Apple Inc.\",\"tickers\":[\"AAPL\"],"
                + "\"fiscalYearEnd\":\"0928\",\"filings\":{\"recent\":{"
                + "\"accessionNumber\":[\"0000320193-24-000123\",\"0000320193-24-000120\"],"
                + "\"form\":[\"10-K\",\"8-K\"],\"filingDate\":[\"2024-11-01\",\"2024-10-31\"],"
                + "\"isXBRL\":[1,0]},\"files\":[]}}";
    }

    @Test
    void eachFilingIsStoredWithWhetherItHasXbrl() throws Exception {
        Exchange exchange = exchange(document(CIK));

        store.storeCompany(exchange);

        assertThat(xbrlByAccession()).containsExactly(Map.entry("0000320193-24-000120", "FALSE"),
                Map.entry("0000320193-24-000123", "TRUE"));
        assertThat(exchange.getProperty(JobContext.PROPERTY, JobContext.class).getFilingsStored()).isEqualTo(2);
    }

    @Test
    void theDocumentOfAnotherCompanyIsRefusedAndNothingOfItIsStored() throws Exception {
        assertThatThrownBy(() -> store.storeCompany(exchange(document(789019))))
                .isInstanceOf(MalformedDocumentException.class)
                .hasMessage("submissions document is for CIK 789019, not 320193");

        assertThat(count("SELECT COUNT(*) FROM company")).isZero();
        assertThat(count("SELECT COUNT(*) FROM filing")).isZero();
    }

    private static Exchange exchange(String body) {
        Exchange exchange = new DefaultExchange(CAMEL);
        exchange.setProperty(JobContext.PROPERTY, new JobContext("job-1", CompanyRef.ofCik(Long.toString(CIK)),
                null, null, null, 1, Instant.now()));
        exchange.getMessage().setBody(body.getBytes(StandardCharsets.UTF_8));
        return exchange;
    }

    private Map<String, String> xbrlByAccession() throws Exception {
        Map<String, String> xbrl = new LinkedHashMap<>();
        try (Connection c = db.getConnection(); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT accession, is_xbrl FROM filing ORDER BY accession")) {
            while (rs.next()) {
                xbrl.put(rs.getString(1), rs.getString(2));
            }
        }
        return xbrl;
    }

    private long count(String sql) throws Exception {
        return SqlCount.of(db, sql);
    }
}
