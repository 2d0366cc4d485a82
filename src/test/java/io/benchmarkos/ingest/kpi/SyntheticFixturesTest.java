package io.benchmarkos.ingest.kpi;

import org.junit.jupiter.api.Test;

import java.math.BigDecimal;

import static org.assertj.core.api.Assertions.assertThat;

/** Cases the real fixtures lack, from small SEC-shaped files under src/test/resources/kpi (named synthetic). */
class SyntheticFixturesTest {

    @Test
    void a10KCarryingThreeYearsUnderOneFyFpGivesEachYearItsOwnValue() {
        CompanyMetrics msft = Fixtures.metrics(Fixtures.MSFT_THREE_YEARS, "0630");
        assertThat(msft.annual("revenue", 2022).orElseThrow().value()).isEqualByComparingTo("198270000000");
        assertThat(msft.annual("revenue", 2023).orElseThrow().value()).isEqualByComparingTo("211915000000");
        assertThat(msft.annual("revenue", 2024).orElseThrow().value()).isEqualByComparingTo("245122000000");
        assertThat(msft.annual("revenue", 2022).orElseThrow().source().accession()).isEqualTo("0000950170-24-087843");
        assertThat(msft.kpi("revenue_growth", PeriodKey.fy(2024)).value().doubleValue())
                .isCloseTo(245122.0 / 211915 - 1, org.assertj.core.data.Offset.offset(1e-12));
    }

    @Test
    void aProxyStatementAtOneThousandthScaleLosesToThe10KAndQ4ComesOutRight() {
        CompanyMetrics company = Fixtures.metrics(Fixtures.PROXY_THOUSANDS, "1231");
        LineItemValue fy = company.annual("net_income", 2023).orElseThrow();
        assertThat(fy.value()).isEqualByComparingTo("1000000000");
        assertThat(fy.source().form()).isEqualTo("10-K");
        assertThat(fy.history()).extracting(ReportedValue::asFiled).usingElementComparator(BigDecimal::compareTo)
                .containsExactly(new BigDecimal("1000000000"), new BigDecimal("1000000"));
        assertThat(fy.asFirstReported().orElseThrow().source().form()).isEqualTo("10-K");
        LineItemValue q4 = company.lineItem("net_income", PeriodKey.quarter(2023, 4)).orElseThrow();
        assertThat(q4.value()).isEqualByComparingTo("300000000");
        assertThat(company.lineItem("net_income", PeriodKey.quarter(2023, 3)).orElseThrow().value())
                .isEqualByComparingTo("250000000");
        assertThat(company.lineItem("net_income", PeriodKey.quarter(2023, 2)).orElseThrow().value())
                .isEqualByComparingTo("250000000");
    }

    @Test
    void otherFormsAnswerOnlyWhenNoPeriodicReportHasThePeriod() {
        CompanyMetrics company = Fixtures.metrics(Fixtures.PROXY_THOUSANDS, "1231");
        LineItemValue fy2022 = company.annual("net_income", 2022).orElseThrow();
        assertThat(fy2022.value()).isEqualByComparingTo("800000000");
        assertThat(fy2022.source().form()).isEqualTo("DEF 14A");
    }

    @Test
    void ttmRollsTheLastYearForward() {
        CompanyMetrics company = Fixtures.metrics(Fixtures.PROXY_THOUSANDS, "1231");
        assertThat(company.ttm()).contains(PeriodKey.ttm(2024, 1));
        LineItemValue ttm = company.lineItem("net_income", PeriodKey.ttm(2024, 1)).orElseThrow();
        assertThat(ttm.value()).isEqualByComparingTo("1050000000"); // 250 + 1,000 − 200 (millions)
        assertThat(ttm.derivation()).isEqualTo("TTM = YTD + last FY − prior-year YTD");
    }

    @Test
    void quartersWithoutBothOperandsAreNotDerivableAndMissingStaysMissing() {
        CompanyMetrics company = Fixtures.metrics(Fixtures.PROXY_THOUSANDS, "1231");
        PeriodKey q3 = PeriodKey.quarter(2023, 3);
        // Operating income has Q1, 9M and FY but no 6M: Q2 and Q3 cannot be derived, Q4 can.
        assertThat(company.lineItem("operating_income", q3)).isEmpty();
        assertThat(company.missingReason("operating_income", q3)).get().asString()
                .contains("not derivable").contains("operand missing");
        assertThat(company.lineItem("operating_income", PeriodKey.quarter(2023, 4)).orElseThrow().value())
                .isEqualByComparingTo("400000000");
        // No capex concept at all: capex and FCF are missing, never zero.
        assertThat(company.annual("capex", 2023)).isEmpty();
        KpiValue fcf = company.kpi("free_cash_flow", PeriodKey.fy(2023));
        assertThat(fcf.status()).isEqualTo(KpiStatus.UNAVAILABLE);
        assertThat(fcf.value()).isNull();
        // The year is named once: "FY2023", not "FY FY2023".
        assertThat(fcf.reason()).startsWith("capex missing for FY2023");
    }

    @Test
    void cagrIsNotMeaningfulWhenAValueIsNotPositive() {
        CompanyMetrics company = Fixtures.metrics(Fixtures.PROXY_THOUSANDS, "1231");
        KpiValue epsCagr = company.kpi("eps_cagr_3y", PeriodKey.fy(2023));
        assertThat(epsCagr.status()).isEqualTo(KpiStatus.NOT_MEANINGFUL);
        assertThat(epsCagr.value()).isNull();
        KpiValue revenueCagr = company.kpi("revenue_cagr_3y", PeriodKey.fy(2023));
        assertThat(revenueCagr.status()).isEqualTo(KpiStatus.AVAILABLE);
        // 4,000 → 5,000 over 2020-12-31 .. 2023-12-31 (1,095 days)
        assertThat(revenueCagr.value().doubleValue())
                .isCloseTo(Math.pow(1.25, 365.2425 / 1095) - 1, org.assertj.core.data.Offset.offset(1e-12));
    }

    @Test
    void anIfrsFilerInEurosKeepsItsCurrency() {
        CompanyMetrics company = Fixtures.metrics(Fixtures.IFRS_EUR, "1231");
        assertThat(company.reportingCurrency()).isEqualTo("EUR");
        LineItemValue revenue = company.annual("revenue", 2023).orElseThrow();
        assertThat(revenue.value()).isEqualByComparingTo("45500000000");
        assertThat(revenue.unit()).isEqualTo("EUR");
        assertThat(revenue.concept()).isEqualTo("ifrs-full:Revenue");
        assertThat(revenue.source().form()).isEqualTo("20-F");
        LineItemValue netIncome = company.annual("net_income", 2023).orElseThrow();
        assertThat(netIncome.value()).isEqualByComparingTo("4200000000"); // owners of the parent, not ProfitLoss
        assertThat(netIncome.unit()).isEqualTo("EUR");
        LineItemValue eps = company.annual("eps_diluted", 2023).orElseThrow();
        assertThat(eps.value()).isEqualByComparingTo("5.25");
        assertThat(eps.unit()).isEqualTo("EUR/shares");
        KpiValue margin = company.kpi("net_margin", PeriodKey.fy(2023));
        assertThat(margin.value().doubleValue()).isCloseTo(4200.0 / 45500, org.assertj.core.data.Offset.offset(1e-12));
        // Cash generated from operations (before interest and tax) is not operating cash flow.
        assertThat(company.annual("operating_cash_flow", 2023).orElseThrow().value())
                .isEqualByComparingTo("6100000000");
        assertThat(company.annual("operating_cash_flow", 2022)).isEmpty();
        // The half-year 6-K counts as a periodic report.
        assertThat(company.lineItem("revenue", PeriodKey.ytd(2023, 2)).orElseThrow().value())
                .isEqualByComparingTo("22000000000");
    }

    // LOSS_YEAR (millions, fiscal years end 12-31): operating income 40 / −130 / 20 and D&A 30 each year for FY2022–24;
    // equity 100, 20, −40, −20 and cash 100, 20, 60, 80 at the ends of 2021–24; long-term debt 500 throughout.

    @Test
    void ebitdaGrowthOutOfALossIsMeasuredAgainstTheSizeOfTheLoss() {
        CompanyMetrics company = Fixtures.metrics(Fixtures.LOSS_YEAR, "1231");
        // EBITDA −100 (FY2023) → 50 (FY2024): (50 − (−100)) / |−100|, an improvement, not a decline.
        assertThat(available(company, "ebitda_growth", PeriodKey.fy(2024))).isEqualByComparingTo("1.5");
        // 70 → −100: (−100 − 70) / 70
        assertThat(available(company, "ebitda_growth", PeriodKey.fy(2023)).doubleValue())
                .isCloseTo(-170.0 / 70, org.assertj.core.data.Offset.offset(1e-12));
    }

    @Test
    void returnsOverANegativeAverageEquityAreNotMeaningful() {
        CompanyMetrics company = Fixtures.metrics(Fixtures.LOSS_YEAR, "1231");
        // FY2024: net income 4 over average equity (−40 + −20) / 2 = −30; debt 500 over closing equity −20.
        for (String kpi : new String[] {"return_on_equity", "debt_to_equity"}) {
            KpiValue value = company.kpi(kpi, PeriodKey.fy(2024));
            assertThat(value.status()).as(kpi).isEqualTo(KpiStatus.NOT_MEANINGFUL);
            assertThat(value.value()).as(kpi).isNull();
        }
        assertThat(company.kpi("return_on_equity", PeriodKey.fy(2024)).reason()).isEqualTo("denominator is -30000000");
        // A loss year: operating cash flow −60 over net income −150 is not a conversion rate.
        assertThat(company.kpi("cash_conversion", PeriodKey.fy(2023)).status()).isEqualTo(KpiStatus.NOT_MEANINGFUL);
        // FY2022, equity still positive: 44 / ((100 + 20) / 2).
        assertThat(available(company, "return_on_equity", PeriodKey.fy(2022)).doubleValue())
                .isCloseTo(44.0 / 60, org.assertj.core.data.Offset.offset(1e-12));
    }

    @Test
    void roicKeepsTheEffectiveTaxRateWithinZeroToFiftyPercent() {
        CompanyMetrics company = Fixtures.metrics(Fixtures.LOSS_YEAR, "1231");
        // FY2024: tax 12 / pre-tax 16 = 75 %, kept at 50 %: NOPAT 20 × 0.5 = 10; invested capital 500 − 40 − 60 = 400
        // at the end of 2023 and 500 − 20 − 80 = 400 at the end of 2024.
        KpiValue fy2024 = company.kpi("return_on_invested_capital", PeriodKey.fy(2024));
        assertThat(fy2024.value()).isEqualByComparingTo("0.025");
        assertThat(fy2024.reason()).startsWith("effective tax rate 50.0%");
        // FY2022: a tax benefit of 4 on pre-tax 40 (−10 %) counts as 0 %: NOPAT 40 over (500 + 500) / 2.
        KpiValue fy2022 = company.kpi("return_on_invested_capital", PeriodKey.fy(2022));
        assertThat(fy2022.value()).isEqualByComparingTo("0.08");
        assertThat(fy2022.reason()).startsWith("effective tax rate 0.0%");
    }

    @Test
    void revenueCagrRunsFromTheFirstFiscalYear() {
        CompanyMetrics company = Fixtures.metrics(Fixtures.LOSS_YEAR, "1231");
        // 900 (2022-12-31) → 1,200 (2024-12-31), 731 days
        assertThat(available(company, "revenue_cagr", PeriodKey.fy(2024)).doubleValue())
                .isCloseTo(Math.pow(1200.0 / 900, 365.2425 / 731) - 1, org.assertj.core.data.Offset.offset(1e-12));
    }

    private static BigDecimal available(CompanyMetrics company, String kpi, PeriodKey period) {
        KpiValue value = company.kpi(kpi, period);
        assertThat(value.status()).as(kpi + " " + value.reason()).isEqualTo(KpiStatus.AVAILABLE);
        return value.value();
    }
}
