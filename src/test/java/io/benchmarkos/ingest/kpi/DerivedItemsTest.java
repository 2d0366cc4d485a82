package io.benchmarkos.ingest.kpi;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The KPIS.md fallbacks for a filer that tags no GrossProfit, no Liabilities and no D&A total (FY2023 10-K of a
 * synthetic company with a non-controlling interest).
 */
class DerivedItemsTest {

    private static final String FALLBACKS = "/kpi/CIK0000000021-synthetic-derived-fallbacks.json";
    private static final PeriodKey FY2023 = PeriodKey.fy(2023);
    private static CompanyMetrics company;

    @BeforeAll
    static void compute() {
        company = Fixtures.metrics(FALLBACKS, "1231");
    }

    @Test
    void grossProfitWithoutAGrossProfitTagIsRevenueMinusCost() {
        LineItemValue gross = company.annual("gross_profit", 2023).orElseThrow();
        assertThat(gross.value()).isEqualByComparingTo("3000000000"); // 8,000 − 5,000 (millions)
        assertThat(gross.isDerived()).isTrue();
        assertThat(gross.derivation()).isEqualTo("revenue − cost_of_revenue");
        assertThat(gross.derivedFrom()).extracting(LineItemValue::item).containsExactly("revenue", "cost_of_revenue");
        assertThat(company.kpi("gross_margin", FY2023).value()).isEqualByComparingTo("0.375"); // 3,000 / 8,000
    }

    @Test
    void liabilitiesWithoutALiabilitiesTagLeaveTheNonControllingInterestInEquity() {
        // L&E 20,000 − total equity incl. NCI 8,300; subtracting the parent's equity alone (7,500) would count the
        // 800 of non-controlling interest as a liability.
        LineItemValue liabilities = company.annual("total_liabilities", 2023).orElseThrow();
        assertThat(liabilities.value()).isEqualByComparingTo("11700000000");
        assertThat(liabilities.isDerived()).isTrue();
        assertThat(liabilities.derivedFrom()).extracting(LineItemValue::concept).containsExactly(
                "us-gaap:LiabilitiesAndStockholdersEquity",
                "us-gaap:StockholdersEquityIncludingPortionAttributableToNoncontrollingInterest");
        // Shareholders' equity itself stays the parent's.
        assertThat(company.annual("shareholders_equity", 2023).orElseThrow().value())
                .isEqualByComparingTo("7500000000");
    }

    @Test
    void daWithoutATotalIsDepreciationPlusAmortizationOfIntangibles() {
        LineItemValue da = company.annual("depreciation_amortization", 2023).orElseThrow();
        assertThat(da.value()).isEqualByComparingTo("550000000"); // 400 + 150
        assertThat(da.isDerived()).isTrue();
        assertThat(da.derivedFrom()).extracting(LineItemValue::concept)
                .containsExactly("us-gaap:Depreciation", "us-gaap:AmortizationOfIntangibleAssets");
        assertThat(company.kpi("ebitda", FY2023).value()).isEqualByComparingTo("1750000000"); // 1,200 + 550
        assertThat(company.kpi("ebitda_margin", FY2023).value()).isEqualByComparingTo("0.21875"); // 1,750 / 8,000
    }
}
