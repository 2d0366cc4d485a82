package io.benchmarkos.ingest.kpi;

import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** Which filing "as first reported" names: the earliest periodic report, whatever order the history is in. */
class AsFirstReportedTest {

    @Test
    void theEarliestPeriodicReportWinsOverAnEarlierOtherForm() {
        LineItemValue value = withHistory(filed("10-K/A", "2024-06-14", "a3"), filed("8-K", "2023-10-30", "a1"),
                filed("10-K", "2023-11-03", "a2"), filed("S-1", "2023-10-01", "a0"));

        assertThat(value.asFirstReported().orElseThrow().source().accession()).isEqualTo("a2");
    }

    @Test
    void onTheSameDayTheAccessionDecides() {
        LineItemValue value = withHistory(filed("10-Q", "2024-05-03", "b"), filed("10-Q", "2024-05-03", "a"));

        assertThat(value.asFirstReported().orElseThrow().source().accession()).isEqualTo("a");
    }

    @Test
    void withoutAPeriodicReportTheEarliestOtherFormWins() {
        LineItemValue value = withHistory(filed("DEF 14A", "2024-03-01", "p2"), filed("8-K", "2024-02-01", "p1"));

        assertThat(value.asFirstReported().orElseThrow().source().accession()).isEqualTo("p1");
    }

    @Test
    void aDerivedValueHasNone() {
        assertThat(withHistory().asFirstReported()).isEmpty();
    }

    private static ReportedValue filed(String form, String filed, String accession) {
        return new ReportedValue(BigDecimal.ONE, BigDecimal.ONE, "USD", null, LocalDate.of(2023, 9, 30),
                new Provenance("us-gaap", "Assets", accession, form, LocalDate.parse(filed)), null);
    }

    private static LineItemValue withHistory(ReportedValue... history) {
        return new LineItemValue("total_assets", PeriodKey.fy(2023), null, LocalDate.of(2023, 9, 30), BigDecimal.ONE,
                BigDecimal.ONE, "USD", history.length == 0 ? null : history[0].source(), null, List.of(),
                List.of(history));
    }
}
