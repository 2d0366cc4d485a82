package io.benchmarkos.ingest.kpi;

import org.assertj.core.data.Offset;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.math.MathContext;
import java.time.LocalDate;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

/** Apple (fiscal year end 0926 in submissions, last Saturday of September) from the trimmed real companyfacts. */
class AppleKpiTest {

    private static final PeriodKey FY2023 = PeriodKey.fy(2023);
    private static CompanyMetrics apple;

    @BeforeAll
    static void compute() {
        apple = Fixtures.metrics(Fixtures.APPLE, "0926");
    }

    private static BigDecimal value(String item, PeriodKey period) {
        return apple.lineItem(item, period).orElseThrow().value();
    }

    private static BigDecimal kpi(String kpi, PeriodKey period) {
        return kpi(apple, kpi, period);
    }

    private static BigDecimal kpi(CompanyMetrics metrics, String kpi, PeriodKey period) {
        KpiValue value = metrics.kpi(kpi, period);
        assertThat(value.status()).as(kpi + " " + value.reason()).isEqualTo(KpiStatus.AVAILABLE);
        return value.value();
    }

    @Test
    void fiscal2023LineItemsAndKpis() {
        assertThat(value("revenue", FY2023)).isEqualByComparingTo("383285000000");
        assertThat(value("net_income", FY2023)).isEqualByComparingTo("96995000000");
        assertThat(value("operating_income", FY2023)).isEqualByComparingTo("114301000000");
        assertThat(value("gross_profit", FY2023)).isEqualByComparingTo("169148000000");
        assertThat(value("eps_diluted", FY2023)).isEqualByComparingTo("6.13");
        assertThat(value("operating_cash_flow", FY2023)).isEqualByComparingTo("110543000000");
        assertThat(value("capex", FY2023)).isEqualByComparingTo("10959000000");
        assertThat(kpi("free_cash_flow", FY2023)).isEqualByComparingTo("99584000000");
        assertThat(apple.kpi("free_cash_flow", FY2023).unit()).isEqualTo("USD");
        assertThat(kpi("gross_margin", FY2023).doubleValue()).isCloseTo(169148.0 / 383285, within());
        // Total debt = LongTermDebtNoncurrent 95,281 + LongTermDebtCurrent 9,822 + CommercialPaper 5,985 (millions).
        assertThat(value("total_debt", FY2023)).isEqualByComparingTo("111088000000");
        assertThat(apple.lineItem("total_debt", FY2023).orElseThrow().isDerived()).isTrue();
        assertThat(kpi("ebitda", FY2023)).isEqualByComparingTo("125820000000"); // 114,301 + D&A 11,519
    }

    @Test
    void aValueLaterFilingsOnlyRepeatedCitesTheFilingThatReportedItAndKeepsEveryRepeat() {
        LineItemValue revenue = apple.annual("revenue", 2023).orElseThrow();
        assertThat(revenue.concept()).isEqualTo("us-gaap:RevenueFromContractWithCustomerExcludingAssessedTax");
        // Three 10-Ks reported FY2023 revenue, all 383,285 M: the two later ones as comparative columns. The value is
        // the latest filing's ("as restated"), and it cites the FY2023 10-K that reported it.
        assertThat(revenue.value()).isEqualByComparingTo("383285000000");
        assertThat(revenue.source().accession()).isEqualTo("0000320193-23-000106");
        assertThat(revenue.source().filed()).isEqualTo(LocalDate.parse("2023-11-03"));
        assertThat(revenue.source().form()).isEqualTo("10-K");
        assertThat(revenue.history()).extracting(r -> r.source().accession())
                .containsExactly("0000320193-23-000106", "0000320193-24-000123", "0000320193-25-000079");
        ReportedValue first = revenue.asFirstReported().orElseThrow();
        assertThat(first.source().accession()).isEqualTo("0000320193-23-000106");
        assertThat(first.source().filed()).isEqualTo(LocalDate.parse("2023-11-03"));
        assertThat(first.asFiled()).isEqualByComparingTo("383285000000");
    }

    @Test
    void aYearEndBalanceRepeatedByTheNextQuarterlyReportCitesTheAnnualReport() {
        LineItemValue assets = apple.annual("total_assets", 2025).orElseThrow();
        assertThat(assets.value()).isEqualByComparingTo("359241000000");
        assertThat(assets.source().form()).isEqualTo("10-K");
        assertThat(assets.source().accession()).isEqualTo("0000320193-25-000079");
        assertThat(assets.history()).extracting(r -> r.source().accession())
                .containsExactly("0000320193-25-000079", "0000320193-26-000006");
    }

    @Test
    void aRestatedBalanceDefaultsToTheLatestFilingAndKeepsTheOriginal() {
        LineItemValue assets = apple.annual("total_assets", 2015).orElseThrow();
        assertThat(assets.value()).isEqualByComparingTo("290345000000");
        assertThat(assets.source().accession()).isEqualTo("0001628280-16-020309");
        ReportedValue original = assets.asFirstReported().orElseThrow();
        assertThat(original.asFiled()).isEqualByComparingTo("290479000000");
        assertThat(original.source().accession()).isEqualTo("0001193125-15-356351");
    }

    @Test
    void aNewerTagAnswersNewerPeriodsWhileAnOlderOneAnswersItsOwn() {
        // Revenues (first in the chain) only covers FY2016–FY2018 in Apple's filings.
        assertThat(apple.annual("revenue", 2018).orElseThrow().concept()).isEqualTo("us-gaap:Revenues");
        assertThat(value("revenue", PeriodKey.fy(2018))).isEqualByComparingTo("265595000000");
        assertThat(apple.annual("revenue", 2012).orElseThrow().concept()).isEqualTo("us-gaap:SalesRevenueNet");
    }

    @Test
    void perShareValuesAreSplitAdjustedAndKeepTheAsFiledValue() {
        assertThat(apple.splits()).extracting(StockSplit::ratio).usingElementComparator(BigDecimal::compareTo)
                .containsExactly(new BigDecimal(7), new BigDecimal(4));
        LineItemValue eps2019 = apple.annual("eps_diluted", 2019).orElseThrow();
        assertThat(eps2019.value()).isEqualByComparingTo("2.97"); // latest 10-K restated it after the 2020 split
        ReportedValue asFirst = eps2019.asFirstReported().orElseThrow();
        assertThat(asFirst.asFiled()).isEqualByComparingTo("11.89");
        assertThat(asFirst.adjusted()).isEqualByComparingTo("2.9725");
        // 2013 share count: one filing reported it in thousands; the others before and after the 7-for-1 split.
        LineItemValue shares2013 = apple.annual("diluted_shares", 2013).orElseThrow();
        assertThat(shares2013.history()).allSatisfy(r -> assertThat(r.adjusted()).isGreaterThan(
                new BigDecimal("6000000000")));
    }

    @Test
    void discreteQuarterAndTtm() {
        LineItemValue q4 = apple.lineItem("revenue", PeriodKey.quarter(2023, 4)).orElseThrow();
        assertThat(q4.value()).isEqualByComparingTo("89498000000"); // 383,285 − 293,787
        assertThat(q4.derivation()).isEqualTo("Q4 = FY − 9M YTD");
        assertThat(q4.derivedFrom()).extracting(LineItemValue::value).usingElementComparator(BigDecimal::compareTo)
                .containsExactly(new BigDecimal("383285000000"), new BigDecimal("293787000000"));
        assertThat(apple.lineItem("eps_diluted", PeriodKey.quarter(2023, 4))).isEmpty();
        assertThat(apple.missingReason("eps_diluted", PeriodKey.quarter(2023, 4))).get().asString()
                .startsWith("not derivable");

        PeriodKey ttm = apple.ttm().orElseThrow();
        assertThat(ttm).isEqualTo(PeriodKey.ttm(2026, 1));
        // Q1 FY2026 143,756 + FY2025 416,161 − Q1 FY2025 124,300
        assertThat(value("revenue", ttm)).isEqualByComparingTo("435617000000");
        // The 10-Q filed 2026-01-30 gave Q1 FY2026, the FY2025 10-K the year, and the 10-Q filed 2025-01-31 Q1 FY2025
        // (which the 2026 10-Q only repeated as its comparative column).
        assertThat(apple.lineItem("revenue", ttm).orElseThrow().provenance()).extracting(Provenance::accession)
                .containsExactly("0000320193-26-000006", "0000320193-25-000079", "0000320193-25-000008");
        assertThat(kpi("free_cash_flow", ttm)).isEqualByComparingTo("123324000000");
        // A balance for the TTM window is the balance at its last day.
        assertThat(apple.lineItem("total_assets", ttm).orElseThrow().end()).isEqualTo(LocalDate.parse("2025-12-27"));
    }

    @Test
    void marketKpisAreUnavailableWithoutAPrice() {
        PeriodKey ttm = apple.ttm().orElseThrow();
        for (String kpi : Kpis.MARKET) {
            KpiValue value = apple.kpi(kpi, ttm);
            assertThat(value.status()).isEqualTo(KpiStatus.UNAVAILABLE);
            assertThat(value.value()).isNull();
            assertThat(value.reason()).contains("no price");
        }
        assertThat(apple.kpi("pe_ratio", FY2023).status()).isEqualTo(KpiStatus.UNAVAILABLE);
    }

    @Test
    void aPeriodWithoutDataIsNamedOnceInTheReason() {
        assertThat(apple.kpi("revenue", PeriodKey.fy(1990)).reason()).isEqualTo("no data for FY1990");
    }

    @Test
    void marketKpisWithAQuote() {
        Quote quote = new Quote(new BigDecimal("250"), new BigDecimal("200"), LocalDate.parse("2026-02-15"), "USD");
        CompanyMetrics priced = KpiEngine.compute(Fixtures.facts(Fixtures.APPLE), "0926", 320193L,
                cik -> Optional.of(quote));
        PeriodKey ttm = priced.ttm().orElseThrow();
        // Cover page of the 10-Q filed 2026-01-30: 14,681,140,000 shares as of 2026-01-16.
        assertThat(priced.kpi("market_cap", ttm).value()).isEqualByComparingTo("3670285000000");
        KpiValue pe = priced.kpi("pe_ratio", ttm);
        assertThat(pe.status()).isEqualTo(KpiStatus.AVAILABLE);
        // Each period named once, as a reader writes it (it read "uses FY FY2025 … through TTM through …").
        assertThat(pe.reason()).isEqualTo("uses FY2025 diluted EPS: EPS for the TTM through Q1 FY2026 is not"
                + " derivable (EPS is never differenced)");
        assertThat(pe.value().doubleValue()).isCloseTo(250 / 7.46, within());
        // EV = market cap + total debt 90,509 − cash 45,317 (millions) at 2025-12-27.
        assertThat(priced.kpi("enterprise_value", ttm).value()).isEqualByComparingTo("3715477000000");
        // Dividends per share: TTM dividends (FY2025 15,421 + Q1 FY2026 3,921 − Q1 FY2025 3,856 = 15,486 millions)
        // over the 14,681,140,000 cover-page shares the market cap used.
        double dividendsPerShare = 15486e6 / 14681140000.0;
        // The quote source reported no dividend events: the filings' TTM dividends per share stand in, and say so.
        assertThat(kpi(priced, "tsr", ttm).doubleValue()).isCloseTo((250 - 200 + dividendsPerShare) / 200,
                within());
        assertThat(priced.kpi("tsr", ttm).reason()).isEqualTo("the quote source reported no dividends; uses the TTM"
                + " through Q1 FY2026 dividends paid per share from the filings");
        assertThat(kpi(priced, "dividend_yield", ttm).doubleValue()).isCloseTo(dividendsPerShare / 250,
                within());
        // P/E on FY2025 EPS 7.46; EPS CAGR on the same window: 6.11 (2022-09-24) → 7.46 (2025-09-27), 1,099 days.
        double epsCagr = Math.pow(7.46 / 6.11, 365.2425 / 1099) - 1;
        assertThat(kpi(priced, "peg_ratio", ttm).doubleValue()).isCloseTo((250 / 7.46) / (epsCagr * 100),
                within());
    }

    @Test
    void tsrCountsTheDividendsTheQuoteSourcePaidBetweenItsTwoPrices() {
        Quote quote = new Quote(new BigDecimal("250"), new BigDecimal("200"), LocalDate.parse("2025-02-14"),
                LocalDate.parse("2026-02-15"), "USD", new BigDecimal("1.04"));
        CompanyMetrics priced = KpiEngine.compute(Fixtures.facts(Fixtures.APPLE), "0926", 320193L,
                cik -> Optional.of(quote));
        KpiValue tsr = priced.kpi("tsr", priced.ttm().orElseThrow());

        assertThat(tsr.value()).isEqualByComparingTo("0.2552"); // (250 − 200 + 1.04) / 200
        assertThat(tsr.reason()).isEqualTo("dividends 1.04 USD per share with ex-dates after 2025-02-14 through"
                + " 2026-02-15, from the quote source");
        // The dividend yield stays the filings' TTM dividends paid per share (KPIS.md).
        assertThat(kpi(priced, "dividend_yield", priced.ttm().orElseThrow()).doubleValue())
                .isCloseTo(15486e6 / 14681140000.0 / 250, within());
    }

    @Test
    void phaseListsCoverTheLatestYearAndTtm() {
        assertThat(apple.latestFiscalYear()).contains(2025);
        assertThat(apple.phase1()).hasSize(2 * Kpis.PHASE_1.size());
        assertThat(apple.phase2()).hasSize(2 * Kpis.PHASE_2.size());
        assertThat(apple.phase1().get(0).period()).isEqualTo(PeriodKey.fy(2025));
        assertThat(apple.phase1()).filteredOn(k -> k.kpi().equals("revenue_cagr_3y"))
                .allSatisfy(k -> assertThat(k.status()).isEqualTo(KpiStatus.AVAILABLE));
    }

    @Test
    void anOlderSnapshotKnowsOnlyTheFilingsItHad() {
        CompanyMetrics older = Fixtures.metrics(Fixtures.APPLE_OLDER, "0926");
        LineItemValue revenue = older.annual("revenue", 2023).orElseThrow();
        assertThat(revenue.value()).isEqualByComparingTo("383285000000");
        assertThat(revenue.history()).extracting(r -> r.source().accession())
                .containsExactly("0000320193-23-000106", "0000320193-24-000123");
    }

    @Test
    void balanceSheetRatiosUseClosingBalancesAndReturnsTheTwoPointAverage() {
        PeriodKey fy2025 = PeriodKey.fy(2025);
        // Balances at 2025-09-27 (millions): current assets 147,957, inventory 5,718, current liabilities 165,631.
        assertThat(kpi("total_liabilities", fy2025)).isEqualByComparingTo("285508000000");
        assertThat(kpi("current_ratio", fy2025).doubleValue()).isCloseTo(147957.0 / 165631, within());
        assertThat(kpi("quick_ratio", fy2025).doubleValue()).isCloseTo((147957.0 - 5718) / 165631, within());
        // Net income 112,010 over the average of the opening (2024-09-28) and closing balances.
        assertThat(kpi("return_on_assets", fy2025).doubleValue())
                .isCloseTo(112010 / ((359241.0 + 364980) / 2), within());
        assertThat(kpi("return_on_equity", fy2025).doubleValue())
                .isCloseTo(112010 / ((73733.0 + 56950) / 2), within());
    }

    @Test
    void cashConversionEbitdaGrowthAndRevenueCagrSinceTheFirstFiscalYear() {
        PeriodKey fy2025 = PeriodKey.fy(2025);
        // Operating cash flow 111,482 / net income 112,010.
        assertThat(kpi("cash_conversion", fy2025).doubleValue()).isCloseTo(111482.0 / 112010, within());
        // EBITDA FY2025 133,050 + 11,698 = 144,748; FY2024 123,216 + 11,445 = 134,661.
        assertThat(kpi("ebitda_growth", fy2025).doubleValue()).isCloseTo((144748.0 - 134661) / 134661, within());
        // First fiscal year with revenue is FY2007: 24,578 (10-K/A) at 2007-09-29 → 416,161 at 2025-09-27, 6,573 days.
        assertThat(kpi("revenue_cagr", fy2025).doubleValue())
                .isCloseTo(Math.pow(416161.0 / 24578, 365.2425 / 6573) - 1, within());
    }

    private static org.assertj.core.data.Offset<Double> within() {
        return org.assertj.core.data.Offset.offset(1e-9);
    }

    @Test
    void aZeroCommercialPaperDoesNotStandForTheNotesTaggedOnlyAsLongTermDebt() {
        // FY2013: CommercialPaper 0 and LongTermDebt 16,960 (no current/noncurrent split) on the balance sheet.
        LineItemValue debt2013 = apple.annual("total_debt", 2013).orElseThrow();
        assertThat(debt2013.value()).isEqualByComparingTo("16960000000");
        assertThat(debt2013.derivedFrom()).extracting(LineItemValue::item)
                .containsExactly("long_term_debt", "commercial_paper");
        // FY2019: noncurrent 91,807 + current 10,260 + commercial paper 5,980; LongTermDebt is not added again.
        assertThat(apple.annual("total_debt", 2019).orElseThrow().value()).isEqualByComparingTo("108047000000");
        // Closing balances: total debt 16,960 / equity 123,549 (millions) at 2013-09-28.
        assertThat(kpi("debt_to_equity", PeriodKey.fy(2013)).doubleValue()).isCloseTo(16960.0 / 123549, within());
    }

    @Test
    void moneyIsNeverLabelledSplitAdjustedWhilePerShareValuesAre() {
        // Filed 2019-10-31, before the 4-for-1 split of 2020: revenue stays as filed, EPS is put on today's basis.
        LineItemValue revenue = apple.annual("revenue", 2019).orElseThrow();
        assertThat(revenue.history()).isNotEmpty().allSatisfy(r -> assertThat(r.note()).isNull());
        LineItemValue eps = apple.annual("eps_diluted", 2019).orElseThrow();
        assertThat(eps.history()).anySatisfy(r -> assertThat(r.note()).startsWith("split-adjusted ×4"));
    }

    @Test
    void roicUsesTheEffectiveTaxRateAndSaysWhichOne() {
        // FY2025: tax 20,719 / pre-tax 132,729 = 15.61 %; NOPAT = 133,050 × (1 − rate). Invested capital = debt
        // (noncurrent + current + commercial paper) + equity − cash: 136,456 at FY2025's end, 133,636 a year before.
        BigDecimal rate = new BigDecimal("20719").divide(new BigDecimal("132729"), MathContext.DECIMAL64);
        BigDecimal nopat = new BigDecimal("133050").multiply(BigDecimal.ONE.subtract(rate));
        BigDecimal expected = nopat.divide(new BigDecimal("135046"), MathContext.DECIMAL64);

        KpiValue roic = apple.kpi("return_on_invested_capital", PeriodKey.fy(2025));
        assertThat(roic.value()).isCloseTo(expected, Offset.offset(new BigDecimal("0.000001")));
        assertThat(roic.reason())
                .isEqualTo("effective tax rate 15.6% (income_tax / pre-tax income, kept within 0–50%)");
    }
}
