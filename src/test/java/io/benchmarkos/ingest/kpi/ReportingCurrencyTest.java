package io.benchmarkos.ingest.kpi;

import io.benchmarkos.ingest.facts.ReportedFact;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.math.MathContext;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A euro filer whose FY2023 revenue is also tagged in dollars (a 6-K's convenience translation, filed after the
 * 20-F): euros answer, and a dollar quote gives no market KPIs that set a dollar price against euro figures.
 */
class ReportingCurrencyTest {

    private static final String EUR_WITH_USD = "/kpi/CIK0000000023-synthetic-ifrs-eur-with-usd-translation.json";

    @Test
    void theReportingCurrencyBeatsALaterFilingInAnotherCurrency() {
        CompanyMetrics company = Fixtures.metrics(EUR_WITH_USD, "1231");
        assertThat(company.reportingCurrency()).isEqualTo("EUR");
        LineItemValue revenue = company.annual("revenue", 2023).orElseThrow();
        assertThat(revenue.value()).isEqualByComparingTo("9600000000");
        assertThat(revenue.unit()).isEqualTo("EUR");
        assertThat(revenue.source().form()).isEqualTo("20-F");
        // The dollar figure (10,368 million) is never history of a euro value.
        assertThat(revenue.history()).extracting(ReportedValue::unit).containsOnly("EUR");
    }

    @Test
    void aQuoteInDollarsLeavesMarketKpisOfAEuroFilerUnavailable() {
        Quote dollars = new Quote(new BigDecimal("42.50"), new BigDecimal("38.00"), LocalDate.parse("2024-05-02"),
                "USD");
        CompanyMetrics company = KpiEngine.compute(Fixtures.facts(EUR_WITH_USD), "1231", Optional.of(dollars));
        PeriodKey ttm = company.ttm().orElseThrow();
        // 42.50 × 500 million shares is a dollar figure: it must not be set against euro equity, debt or dividends.
        for (String kpi : List.of("market_cap", "enterprise_value", "pb_ratio", "dividend_yield")) {
            KpiValue value = company.kpi(kpi, ttm);
            assertThat(value.status()).as(kpi).isEqualTo(KpiStatus.UNAVAILABLE);
            assertThat(value.value()).as(kpi).isNull();
            assertThat(value.reason()).as(kpi).isEqualTo("quote is in USD but the filings report in EUR");
        }
        assertThat(company.kpi("pe_ratio", ttm).reason()).contains("quote is in USD");
        // The return on the dollar listing needs nothing in euros: this filer reports no dividends paid.
        assertThat(company.kpi("tsr", ttm).value()).isEqualByComparingTo(new BigDecimal("4.50")
                .divide(new BigDecimal("38.00"), MathContext.DECIMAL64));
    }

    @Test
    void aDividendPayersReturnInDollarsDoesNotUseItsEuroDividends() {
        // Made a payer: the filings' dividends are in euros, so only the quote source's dollar dividends can count.
        Quote dollars = new Quote(new BigDecimal("42.50"), new BigDecimal("38.00"), LocalDate.parse("2024-05-02"),
                "USD");
        List<ReportedFact> withDividends = new ArrayList<>(Fixtures.facts(EUR_WITH_USD));
        withDividends.addAll(Fixtures.facts(EUR_WITH_USD).stream()
                .filter(fact -> fact.concept().equals("Revenue"))
                .map(fact -> new ReportedFact(fact.taxonomy(), "DividendsPaidClassifiedAsFinancingActivities",
                        fact.unit(), fact.start(), fact.end(), fact.value(), fact.accession(), fact.fiscalYear(),
                        fact.fiscalPeriod(), fact.form(), fact.filed(), fact.frame()))
                .toList());
        CompanyMetrics company = KpiEngine.compute(withDividends, "1231", Optional.of(dollars));

        assertThat(company.kpi("tsr", company.ttm().orElseThrow()).reason())
                .isEqualTo("quote is in USD but the filings report in EUR");
    }
}
