package io.benchmarkos.ingest.kpi;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.time.LocalDate;

import static org.assertj.core.api.Assertions.assertThat;

/** Which reported value answers: revenue slices added up, and an amended 10-K winning as the restated value. */
class LineItemChoiceTest {

    private static final String SLICES_AND_AMENDMENT = "/kpi/CIK0000000022-synthetic-revenue-slices-and-10ka.json";
    private static final String ORIGINAL_10K = "0000000022-24-000006";
    private static final String AMENDED_10K = "0000000022-24-000019";
    private static CompanyMetrics company;

    @BeforeAll
    static void compute() {
        company = Fixtures.metrics(SLICES_AND_AMENDMENT, "1231");
    }

    @Test
    void revenueTaggedOnlyAsGoodsAndServicesIsTheirSum() {
        LineItemValue revenue = company.annual("revenue", 2023).orElseThrow();
        assertThat(revenue.value()).isEqualByComparingTo("5000000000"); // goods 3,600 + services 1,400 (millions)
        assertThat(revenue.isDerived()).isTrue();
        assertThat(revenue.derivation())
                .isEqualTo("sum of slices us-gaap:SalesRevenueGoodsNet + us-gaap:SalesRevenueServicesNet");
        assertThat(revenue.derivedFrom()).extracting(LineItemValue::value).usingElementComparator(BigDecimal::compareTo)
                .containsExactly(new BigDecimal("3600000000"), new BigDecimal("1400000000"));
    }

    @Test
    void a10KAFiledLaterForTheSamePeriodWinsAsRestated() {
        LineItemValue netIncome = company.annual("net_income", 2023).orElseThrow();
        assertThat(netIncome.value()).isEqualByComparingTo("580000000");
        assertThat(netIncome.source().form()).isEqualTo("10-K/A");
        assertThat(netIncome.source().accession()).isEqualTo(AMENDED_10K);
        assertThat(netIncome.source().filed()).isEqualTo(LocalDate.parse("2024-06-14"));
        // The original stays as history and as the first report.
        assertThat(netIncome.history()).extracting(r -> r.source().accession())
                .containsExactly(ORIGINAL_10K, AMENDED_10K);
        assertThat(netIncome.asFirstReported().orElseThrow().asFiled()).isEqualByComparingTo("610000000");
    }
}
