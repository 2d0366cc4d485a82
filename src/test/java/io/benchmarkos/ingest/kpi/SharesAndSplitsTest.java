package io.benchmarkos.ingest.kpi;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A two-class filer (Alphabet-style, synthetic) whose 20-for-1 split is tagged on its approval date (2022-02-01, in
 * the Q1 10-Q) and again on its effective date (2022-07-15, in the FY2022 10-K).
 */
class SharesAndSplitsTest {

    private static final String TWO_CLASSES = "/kpi/CIK0000000024-synthetic-two-share-classes-and-split.json";
    private static CompanyMetrics company;

    @BeforeAll
    static void compute() {
        company = Fixtures.metrics(TWO_CLASSES, "1231");
    }

    @Test
    void theCoverPageCountIsTheSumOfBothClasses() {
        LineItemValue shares = company.annual("shares_outstanding", 2022).orElseThrow();
        // Class A 5,900 + class C 5,300 (millions) as of 2023-01-24; it replaces the balance sheet's 11,230.
        assertThat(shares.value()).isEqualByComparingTo("11200000000");
        assertThat(shares.end()).isEqualTo(LocalDate.parse("2023-01-24"));
        assertThat(shares.derivedFrom()).hasSize(2)
                .allSatisfy(part -> assertThat(part.concept()).isEqualTo("dei:EntityCommonStockSharesOutstanding"));
    }

    @Test
    void marketCapCountsEveryClass() {
        Quote quote = new Quote(new BigDecimal("95"), null, LocalDate.parse("2023-03-01"), "USD");
        CompanyMetrics priced = KpiEngine.compute(Fixtures.facts(TWO_CLASSES), "1231", Optional.of(quote));
        KpiValue marketCap = priced.kpi("market_cap", priced.ttm().orElseThrow());
        assertThat(marketCap.value()).isEqualByComparingTo("1064000000000"); // 95 × 11,200 million
    }

    @Test
    void aCompanyThatPaysNoDividendsHasAPriceOnlyReturn() {
        // The quote source reported no dividend events, and the filings tag no dividends paid at all.
        Quote quote = new Quote(new BigDecimal("95"), new BigDecimal("80"), LocalDate.parse("2023-03-01"), "USD");
        CompanyMetrics priced = KpiEngine.compute(Fixtures.facts(TWO_CLASSES), "1231", Optional.of(quote));
        KpiValue tsr = priced.kpi("tsr", priced.ttm().orElseThrow());
        assertThat(tsr.status()).isEqualTo(KpiStatus.AVAILABLE);
        assertThat(tsr.value()).isEqualByComparingTo("0.1875"); // (95 − 80) / 80
        assertThat(tsr.reason())
                .isEqualTo("no dividends: the quote source reported none and the filings report no dividends paid");
    }

    @Test
    void aSplitTaggedOnItsApprovalAndEffectiveDatesIsOneSplitOnTheEffectiveDate() {
        assertThat(company.splits()).hasSize(1);
        StockSplit split = company.splits().get(0);
        assertThat(split.effective()).isEqualTo(LocalDate.parse("2022-07-15"));
        assertThat(split.ratio()).isEqualByComparingTo("20");
    }

    @Test
    void aFilingBetweenApprovalAndEffectiveDateIsOnTheOldBasis() {
        // The Q1 10-Q (filed 2022-04-27) reports pre-split EPS: 24.60 / 20 on today's basis.
        LineItemValue q1 = company.lineItem("eps_diluted", PeriodKey.quarter(2022, 1)).orElseThrow();
        assertThat(q1.asFiled()).isEqualByComparingTo("24.60");
        assertThat(q1.value()).isEqualByComparingTo("1.23");
        assertThat(q1.history()).singleElement()
                .satisfies(r -> assertThat(r.note()).isEqualTo("split-adjusted ×20 (splits after 2022-04-27)"));
        // The 10-K filed after the effective date is already on the new basis.
        assertThat(company.annual("eps_diluted", 2022).orElseThrow().value()).isEqualByComparingTo("4.56");
    }
}
