package io.benchmarkos.ingest.kpi;

import io.benchmarkos.ingest.facts.ReportedFact;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;

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

    @Test
    void aRestatedValueThatLaterFilingsRepeatCitesTheRestatement() {
        LineItemValue assets = yearEndAssets(assets("100", "10-K", "2024-02-20"), assets("90", "10-K/A", "2024-06-14"),
                assets("90", "10-Q", "2024-08-01"));
        assertThat(assets.value()).isEqualByComparingTo("90");
        assertThat(assets.source().form()).isEqualTo("10-K/A");
    }

    @Test
    void aValueThatChangedBackCitesTheFilingThatLastChangedIt() {
        LineItemValue assets = yearEndAssets(assets("100", "10-K", "2024-02-20"), assets("90", "10-K/A", "2024-06-14"),
                assets("100", "10-Q", "2024-08-01"), assets("100", "10-Q", "2024-11-01"));
        assertThat(assets.value()).isEqualByComparingTo("100");
        assertThat(assets.source().filed()).isEqualTo(LocalDate.parse("2024-08-01"));
    }

    private static LineItemValue yearEndAssets(ReportedFact... facts) {
        return KpiEngine.compute(List.of(facts), "1231", Optional.empty()).annual("total_assets", 2023).orElseThrow();
    }

    private static ReportedFact assets(String value, String form, String filed) {
        return new ReportedFact("us-gaap", "Assets", "USD", null, LocalDate.parse("2023-12-31"), new BigDecimal(value),
                "0000000099-" + filed, 2023, "FY", form, LocalDate.parse(filed), null);
    }
}
