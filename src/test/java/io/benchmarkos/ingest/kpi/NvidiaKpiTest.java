package io.benchmarkos.ingest.kpi;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;

import static org.assertj.core.api.Assertions.assertThat;

/** NVIDIA (fiscal year end late January, 52/53 weeks) from the trimmed real companyfacts. */
class NvidiaKpiTest {

    private static final PeriodKey FY2026 = PeriodKey.fy(2026);
    private static CompanyMetrics nvidia;

    @BeforeAll
    static void compute() {
        nvidia = Fixtures.metrics(Fixtures.NVIDIA, "0125");
    }

    @Test
    void revenueUnderRevenuesAfterTheAsc606TagStopped() {
        LineItemValue revenue = nvidia.annual("revenue", 2026).orElseThrow();
        assertThat(revenue.value()).isEqualByComparingTo("215938000000");
        assertThat(revenue.concept()).isEqualTo("us-gaap:Revenues");
        assertThat(revenue.end()).hasToString("2026-01-25");
    }

    @Test
    void capexOnlyUnderProductiveAssetsAndFreeCashFlow() {
        LineItemValue capex = nvidia.annual("capex", 2026).orElseThrow();
        assertThat(capex.value()).isEqualByComparingTo("6042000000");
        assertThat(capex.concept()).isEqualTo("us-gaap:PaymentsToAcquireProductiveAssets");
        assertThat(nvidia.annual("operating_cash_flow", 2026).orElseThrow().value())
                .isEqualByComparingTo("102718000000");
        KpiValue fcf = nvidia.kpi("free_cash_flow", FY2026);
        assertThat(fcf.value()).isEqualByComparingTo("96676000000");
        assertThat(fcf.provenance()).extracting(Provenance::qualifiedConcept).containsExactly(
                "us-gaap:NetCashProvidedByUsedInOperatingActivities", "us-gaap:PaymentsToAcquireProductiveAssets");
    }

    @Test
    void aProxyStatementFiledLaterDoesNotOutrankThe10K() {
        LineItemValue netIncome = nvidia.annual("net_income", 2026).orElseThrow();
        assertThat(netIncome.value()).isEqualByComparingTo("120067000000");
        assertThat(netIncome.source().form()).isEqualTo("10-K");
        assertThat(netIncome.history()).extracting(r -> r.source().form()).contains("DEF 14A");
        assertThat(nvidia.lineItem("net_income", PeriodKey.quarter(2026, 4)).orElseThrow().value())
                .isEqualByComparingTo("42960000000"); // 120,067 − 77,107
    }

    @Test
    void thousandsScaleShareCountsAreNotSplits() {
        assertThat(nvidia.splits()).extracting(StockSplit::ratio).usingElementComparator(BigDecimal::compareTo)
                .containsExactly(new BigDecimal(4), new BigDecimal(10));
        // FY2010 diluted shares were filed as 549,574 (thousands) and 549,574,000; both before the 4:1 and 10:1 splits.
        LineItemValue shares = nvidia.annual("diluted_shares", 2010).orElseThrow();
        assertThat(shares.history()).hasSizeGreaterThan(1).allSatisfy(r -> assertThat(r.adjusted())
                .isEqualByComparingTo("21982960000"));
        assertThat(shares.history()).anySatisfy(r -> assertThat(r.note()).contains("thousands"));
        assertThat(shares.value()).isEqualByComparingTo("21982960000");
    }

    @Test
    void ttmRunsThroughTheFirstQuarterOfFiscal2027() {
        PeriodKey ttm = nvidia.ttm().orElseThrow();
        assertThat(ttm).isEqualTo(PeriodKey.ttm(2027, 1));
        // Q1 FY2027 81,615 + FY2026 215,938 − Q1 FY2026 44,062
        assertThat(nvidia.lineItem("revenue", ttm).orElseThrow().value()).isEqualByComparingTo("253491000000");
    }

    @Test
    void quarterlyDaIsTheTotalDifferencedNotTheIntangiblesAmortizationTaggedForThreeMonths() {
        // FY2026 tags D&A only year to date (611 / 1,280 / 2,031); three-month facts are amortization alone (84, 96).
        LineItemValue q2 = nvidia.lineItem("depreciation_amortization", PeriodKey.quarter(2026, 2)).orElseThrow();
        assertThat(q2.value()).isEqualByComparingTo("669000000");
        assertThat(q2.derivation()).isEqualTo("Q2 = 6M YTD − Q1");
        assertThat(nvidia.lineItem("depreciation_amortization", PeriodKey.quarter(2026, 3)).orElseThrow().value())
                .isEqualByComparingTo("751000000");
    }

    @Test
    void q4IsDifferencedUnderTheOneTagThatGivesBothTheYearAndNineMonths() {
        // FY2020 D&A: a later 10-K retagged the year as DepreciationDepletionAndAmortization (381); the 9M (275) and
        // the year in the FY2020 10-K itself are DepreciationAndAmortization. Amortization alone would give 6.
        LineItemValue q4 = nvidia.lineItem("depreciation_amortization", PeriodKey.quarter(2020, 4)).orElseThrow();
        assertThat(q4.value()).isEqualByComparingTo("106000000");
        assertThat(q4.derivedFrom()).extracting(LineItemValue::concept)
                .containsOnly("us-gaap:DepreciationAndAmortization");
        assertThat(nvidia.annual("depreciation_amortization", 2020).orElseThrow().concept())
                .as("the year keeps the chain's choice").isEqualTo("us-gaap:DepreciationDepletionAndAmortization");
    }

    @Test
    void totalDebtFallsBackToLongTermDebtWhenOnlyAZeroCommercialPaperIsSplitOut() {
        assertThat(nvidia.annual("total_debt", 2019).orElseThrow().value()).isEqualByComparingTo("1988000000");
    }

    @Test
    void aDerivedValueNamesTheFilingsItCameFrom() {
        PeriodKey ttm = nvidia.ttm().orElseThrow();
        String described = nvidia.lineItem("revenue", ttm).orElseThrow().describeAsInput();
        LineItemValue lastYear = nvidia.annual("revenue", 2026).orElseThrow();
        LineItemValue ytd = nvidia.lineItem("revenue", PeriodKey.ytd(2027, 1)).orElseThrow();
        LineItemValue priorYtd = nvidia.lineItem("revenue", PeriodKey.ytd(2026, 1)).orElseThrow();
        // Each operand with its value and filing: the sum can be checked from the description alone.
        assertThat(described).startsWith("revenue TTM ").contains("(TTM = YTD + last FY − prior-year YTD: "
                + ytd.describeAsInput() + "; " + lastYear.describeAsInput() + "; " + priorYtd.describeAsInput() + ")");
        assertThat(lastYear.describeAsInput()).isEqualTo("revenue FY2026 " + lastYear.end() + "="
                + lastYear.value().toPlainString() + " (" + lastYear.source() + ")");
    }
}
