package io.benchmarkos.ingest.facts;

import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class FactSeriesTest {

    private static final LocalDate START = LocalDate.of(2022, 9, 25);
    private static final LocalDate END = LocalDate.of(2023, 9, 30);

    private static ReportedFact entry(String value, String accession, String filed, String frame) {
        return new ReportedFact("us-gaap", "Revenues", "USD", START, END, new BigDecimal(value), accession, 2023, "FY",
                "10-K", LocalDate.parse(filed), frame);
    }

    @Test
    void aValueRepeatedByLaterFilingsIsOneRowListingThemInFilingOrder() {
        FactSeries series = new FactSeries(7, "USD", List.of());
        series.add(entry("100", "a-25", "2025-10-31", "CY2023"));
        series.add(entry("100.000", "a-23", "2023-11-03", null));
        series.add(entry("100", "a-24", "2024-11-01", null));

        List<FactValue> rows = series.rows();

        assertThat(rows).hasSize(1);
        FactValue row = rows.get(0);
        assertThat(row.value()).isEqualByComparingTo("100");
        assertThat(row.reports()).extracting(FactValue.Report::accession).containsExactly("a-23", "a-24", "a-25");
        assertThat(row.repeatedIn()).isEqualTo("a-24,2023,FY,10-K,2024-11-01,;a-25,2023,FY,10-K,2025-10-31,CY2023");
        assertThat(row.entries("us-gaap", "Revenues")).hasSize(3).allSatisfy(e -> assertThat(e.end()).isEqualTo(END));
        assertThat(series.added()).isEqualTo(3);
    }

    @Test
    void aRestatedValueIsARowOfItsOwn() {
        FactSeries series = new FactSeries(7, "USD", List.of());
        series.add(entry("100", "a-23", "2023-11-03", null));
        series.add(entry("105", "a-24", "2024-11-01", null));

        assertThat(series.rows()).extracting(FactValue::value, r -> r.first().accession())
                .containsExactlyInAnyOrder(org.assertj.core.groups.Tuple.tuple(new BigDecimal("1E+2"), "a-23"),
                        org.assertj.core.groups.Tuple.tuple(new BigDecimal("105"), "a-24"));
    }

    @Test
    void anUnchangedDocumentWritesNothing() {
        FactSeries first = new FactSeries(7, "USD", List.of());
        first.add(entry("100", "a-23", "2023-11-03", null));
        first.add(entry("100", "a-24", "2024-11-01", null));
        List<FactValue> stored = first.rows();

        FactSeries again = new FactSeries(7, "USD", stored);
        again.add(entry("100", "a-24", "2024-11-01", null));
        again.add(entry("100", "a-23", "2023-11-03", null));

        assertThat(again.unchanged()).isEqualTo(2);
        FactSeries.Diff diff = again.diff();
        assertThat(diff.inserts()).isEmpty();
        assertThat(diff.updates()).isEmpty();
        assertThat(diff.deletes()).isEmpty();
    }

    @Test
    void anEntrySecRevaluesMovesToTheRowOfItsNewValueAndAnEmptiedRowIsDeleted() {
        FactSeries first = new FactSeries(7, "USD", List.of());
        first.add(entry("100", "a-23", "2023-11-03", null));
        first.add(entry("100", "a-24", "2024-11-01", null));
        first.add(entry("99", "a-22", "2022-10-28", null));
        List<FactValue> stored = first.rows();

        // The newer download re-values a-24's entry and no longer lists a-22's (kept: older snapshots stay).
        FactSeries newer = new FactSeries(7, "USD", stored);
        newer.add(entry("100", "a-23", "2023-11-03", null));
        newer.add(entry("99", "a-24", "2024-11-01", "CY2023"));

        assertThat(newer.changed()).isEqualTo(1);
        assertThat(newer.unchanged()).isEqualTo(1);
        FactSeries.Diff diff = newer.diff();
        assertThat(diff.inserts()).isEmpty();
        assertThat(diff.updates()).extracting(r -> r.value().toPlainString(), FactValue::repeatedIn)
                .containsExactlyInAnyOrder(org.assertj.core.groups.Tuple.tuple("100", null),
                        org.assertj.core.groups.Tuple.tuple("99", "a-24,2023,FY,10-K,2024-11-01,CY2023"));
        assertThat(diff.deletes()).isEmpty();

        FactSeries last = new FactSeries(7, "USD", newer.rows());
        last.add(entry("99", "a-23", "2023-11-03", null));
        FactSeries.Diff moved = last.diff();
        assertThat(moved.deletes()).extracting(r -> r.value().toPlainString()).containsExactly("100");
        assertThat(moved.updates()).extracting(r -> r.reports().size()).containsExactly(3);
    }

    @Test
    void fieldsHoldingTheSeparatorsRoundTrip() {
        List<FactValue.Report> reports = List.of(
                new FactValue.Report("a-1", null, null, "10-K;A,%2C", LocalDate.of(2024, 1, 2), null),
                new FactValue.Report("a-2", 2024, "Q1", "10-Q", LocalDate.of(2024, 5, 2), "CY2024Q1"));

        String text = ReportList.encode(reports);

        assertThat(text).doesNotContain("10-K;A");
        assertThat(ReportList.decode(text)).isEqualTo(reports);
        assertThat(ReportList.encode(List.of())).isNull();
        assertThat(ReportList.decode(null)).isEmpty();
    }

    @Test
    void valuesParsedAndValuesReadBackFromTheColumnNormalizeAlike() {
        for (String parsed : List.of("383285000000", "3.83285E+11", "1.5", "-0.07", "0", "12345678901234567890123",
                "0.1234567890125", "2.30")) {
            BigDecimal fromColumn = new BigDecimal(parsed).setScale(FactValue.VALUE_SCALE,
                    java.math.RoundingMode.HALF_UP);
            assertThat(FactValue.normalize(fromColumn)).as(parsed)
                    .isEqualTo(FactValue.normalize(new BigDecimal(parsed)));
        }
        assertThat(FactValue.normalize(new BigDecimal("0.1234567890125")).toPlainString()).isEqualTo("0.123456789013");
        assertThat(FactValue.normalize(new BigDecimal("383285000000.000000000000")).toPlainString())
                .isEqualTo("383285000000");
    }
}
