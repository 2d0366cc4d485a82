package io.benchmarkos.ingest.db;

import io.benchmarkos.ingest.support.ScratchPostgres;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;

import static org.assertj.core.api.Assertions.assertThat;

class PostgresCopyTest {

    private static final Timestamp COMPUTED = Timestamp.from(Instant.parse("2026-02-01T10:15:30.123Z"));

    @Test
    void writesEachTypeAsPostgresReadsCsv() {
        StringBuilder csv = new StringBuilder();
        PostgresCopy.appendRow(csv, 320193L, 7, "say \"hi\", then \"bye\"", null, LocalDate.of(2025, 9, 27),
                new BigDecimal("1.50E+3"), true, COMPUTED);
        assertThat(csv).hasToString("320193,7,\"say \"\"hi\"\", then \"\"bye\"\"\",,2025-09-27,1500,true,"
                + "2026-02-01T10:15:30.123Z\n");
    }

    @Test
    void aTimestampIsWrittenAsItsOwnInstantRowAfterRow() {
        Timestamp later = Timestamp.from(Instant.parse("2026-02-02T00:00:00Z"));
        StringBuilder csv = new StringBuilder();
        PostgresCopy.appendRow(csv, COMPUTED);
        PostgresCopy.appendRow(csv, COMPUTED);
        PostgresCopy.appendRow(csv, later);
        PostgresCopy.appendRow(csv, COMPUTED);
        assertThat(csv).hasToString("2026-02-01T10:15:30.123Z\n2026-02-01T10:15:30.123Z\n2026-02-02T00:00:00Z\n"
                + "2026-02-01T10:15:30.123Z\n");
    }

    @ParameterizedTest
    @ValueSource(strings = {"2025-09-27", "1999-01-01", "1000-12-31", "9999-12-31", "0999-06-30", "+10000-01-01",
        "-0001-03-04"})
    void isoDatesReadAsLocalDateWritesThem(String text) {
        LocalDate date = LocalDate.parse(text);
        assertThat(IsoDates.append(new StringBuilder("at "), date)).hasToString("at " + date);
    }

    @Test
    void postgresReadsBackWhatWasWritten() throws Exception {
        try (ScratchPostgres scratch = ScratchPostgres.create("bos_copy");
             Connection c = scratch.dataSource().getConnection();
             Statement s = c.createStatement()) {
            s.execute("CREATE TABLE t (n BIGINT, txt VARCHAR(100), d DATE, v NUMERIC(38, 12), at TIMESTAMPTZ)");
            String tricky = "a \"quoted\", text;\nwith a line break";
            StringBuilder csv = new StringBuilder();
            PostgresCopy.appendRow(csv, 1L, tricky, LocalDate.of(2024, 2, 29), new BigDecimal("-0.000000000001"),
                    COMPUTED);
            PostgresCopy.appendRow(csv, 2L, "", null, null, null);
            PostgresCopy.copyIn(c, "COPY t (n, txt, d, v, at) FROM STDIN (FORMAT csv)", csv);
            try (ResultSet rs = s.executeQuery("SELECT txt, d, v, at FROM t ORDER BY n")) {
                assertThat(rs.next()).isTrue();
                assertThat(rs.getString(1)).isEqualTo(tricky);
                assertThat(rs.getObject(2, LocalDate.class)).isEqualTo(LocalDate.of(2024, 2, 29));
                assertThat(rs.getBigDecimal(3)).isEqualByComparingTo("-0.000000000001");
                assertThat(rs.getObject(4, OffsetDateTime.class).toInstant()).isEqualTo(COMPUTED.toInstant());
                assertThat(rs.next()).isTrue();
                // Quoted empty text stays text; an unquoted empty field is null.
                assertThat(rs.getString(1)).isEmpty();
                assertThat(rs.getObject(2)).isNull();
                assertThat(rs.getObject(4, OffsetDateTime.class)).isNull();
            }
        }
    }
}
