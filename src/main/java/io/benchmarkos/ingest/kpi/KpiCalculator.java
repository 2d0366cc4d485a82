package io.benchmarkos.ingest.kpi;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.math.MathContext;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * The KPIs of KPIS.md for one period: a fiscal year (FY key) or a trailing-twelve-months window (TTM key). Flows are
 * read at that key, balances at the period's end, opening balances one year earlier (two-point averages).
 */
final class KpiCalculator {

    private static final MathContext MATH = MathContext.DECIMAL64;
    private static final BigDecimal TWO = BigDecimal.valueOf(2);
    private static final BigDecimal HUNDRED = BigDecimal.valueOf(100);
    private static final BigDecimal DEFAULT_TAX_RATE = new BigDecimal("0.21");
    private static final BigDecimal MAX_TAX_RATE = new BigDecimal("0.50");
    private static final double DAYS_PER_YEAR = 365.2425;

    private final ItemStore store;
    private final SharesOutstanding shares;
    private final Optional<Quote> quote;
    private final Optional<PeriodKey> currentTtm;
    private final String noQuoteReason;

    KpiCalculator(ItemStore store, SharesOutstanding shares, Optional<Quote> quote, Optional<PeriodKey> currentTtm,
                  String noQuoteReason) {
        this.store = store;
        this.shares = shares;
        this.quote = quote;
        this.currentTtm = currentTtm;
        this.noQuoteReason = noQuoteReason;
    }

    Map<String, KpiValue> compute(PeriodKey period) {
        Map<String, KpiValue> kpis = new LinkedHashMap<>();
        for (String item : Kpis.LINE_ITEM_KPIS) {
            add(kpis, attempt(item, period, () -> lineItem(item, period)));
        }
        add(kpis, attempt("gross_margin", period, () -> margin("gross_margin", LineItem.GROSS_PROFIT, period)));
        add(kpis, attempt("operating_margin", period,
                () -> margin("operating_margin", LineItem.OPERATING_INCOME, period)));
        add(kpis, attempt("net_margin", period, () -> margin("net_margin", LineItem.NET_INCOME, period)));
        add(kpis, attempt("profit_margin", period, () -> margin("profit_margin", LineItem.NET_INCOME, period)));
        add(kpis, attempt("ebitda", period, () -> money("ebitda", period, ebitda(period))));
        add(kpis, attempt("ebitda_margin", period,
                () -> ratio("ebitda_margin", period, ebitda(period), flow(LineItem.REVENUE, period), true)));
        add(kpis, attempt("free_cash_flow", period, () -> money("free_cash_flow", period, freeCashFlow(period))));
        add(kpis, attempt("free_cash_flow_margin", period, () -> ratio("free_cash_flow_margin", period,
                freeCashFlow(period), flow(LineItem.REVENUE, period), true)));
        add(kpis, attempt("cash_conversion", period, () -> ratio("cash_conversion", period,
                flow(LineItem.OPERATING_CASH_FLOW, period), flow(LineItem.NET_INCOME, period), true)));
        add(kpis, attempt("return_on_assets", period, () -> ratio("return_on_assets", period,
                flow(LineItem.NET_INCOME, period), average(LineItem.TOTAL_ASSETS, period), true)));
        add(kpis, attempt("return_on_equity", period, () -> ratio("return_on_equity", period,
                flow(LineItem.NET_INCOME, period), average(LineItem.SHAREHOLDERS_EQUITY, period), true)));
        add(kpis, attempt("return_on_invested_capital", period, () -> returnOnInvestedCapital(period)));
        add(kpis, attempt("debt_to_equity", period, () -> ratio("debt_to_equity", period,
                closing(LineItem.TOTAL_DEBT, period), closing(LineItem.SHAREHOLDERS_EQUITY, period), true)));
        add(kpis, attempt("current_ratio", period, () -> ratio("current_ratio", period,
                closing(LineItem.CURRENT_ASSETS, period), closing(LineItem.CURRENT_LIABILITIES, period), true)));
        add(kpis, attempt("quick_ratio", period, () -> ratio("quick_ratio", period,
                sameUnit(closing(LineItem.CURRENT_ASSETS, period), closing(LineItem.INVENTORY, period), false),
                closing(LineItem.CURRENT_LIABILITIES, period), true)));
        add(kpis, attempt("revenue_cagr_3y", period,
                () -> cagr("revenue_cagr_3y", LineItem.REVENUE, period, period.yearsBefore(3))));
        add(kpis, attempt("eps_cagr_3y", period,
                () -> cagr("eps_cagr_3y", LineItem.EPS_DILUTED, period, period.yearsBefore(3))));
        add(kpis, attempt("revenue_cagr", period, () -> revenueCagrAllYears(period)));
        add(kpis, attempt("revenue_growth", period, () -> growth("revenue_growth", period,
                flow(LineItem.REVENUE, period), () -> flow(LineItem.REVENUE, period.yearsBefore(1)))));
        add(kpis, attempt("ebitda_growth", period, () -> growth("ebitda_growth", period, ebitda(period),
                () -> ebitda(period.yearsBefore(1)))));
        new MarketKpis(period).addTo(kpis);
        return kpis;
    }

    private static void add(Map<String, KpiValue> kpis, KpiValue value) {
        kpis.put(value.kpi(), value);
    }

    // ---- inputs -------------------------------------------------------------------------------------------------

    private Amount flow(LineItem item, PeriodKey period) {
        return store.get(item, period).map(Amount::of).orElseThrow(() -> Gap.missing(item, period, store));
    }

    private Amount closing(LineItem item, PeriodKey period) {
        PeriodKey balance = period.closingBalance();
        return store.get(item, balance).map(Amount::of).orElseThrow(() -> Gap.missing(item, balance, store));
    }

    /** Two-point average: the balance at the period's end and one year earlier. */
    private Amount average(LineItem item, PeriodKey period) {
        Amount closing = closing(item, period);
        Amount opening = closing(item, period.yearsBefore(1));
        requireSameUnit(closing, opening);
        return new Amount(closing.value().add(opening.value()).divide(TWO, MATH), closing.unit(),
                closing.join(opening));
    }

    private Amount ebitda(PeriodKey period) {
        return sameUnit(flow(LineItem.OPERATING_INCOME, period), flow(LineItem.DEPRECIATION_AMORTIZATION, period),
                true);
    }

    /** Capex is a positive payment in XBRL, so it is subtracted. */
    private Amount freeCashFlow(PeriodKey period) {
        return sameUnit(flow(LineItem.OPERATING_CASH_FLOW, period), flow(LineItem.CAPEX, period), false);
    }

    private static Amount sameUnit(Amount left, Amount right, boolean add) {
        requireSameUnit(left, right);
        return add ? left.plus(right) : left.minus(right);
    }

    private static void requireSameUnit(Amount left, Amount right) {
        if (!left.sameUnit(right)) {
            throw new Gap("inputs in different units (" + left.unit() + ", " + right.unit() + "): never mixed");
        }
    }

    // ---- formulas -----------------------------------------------------------------------------------------------

    private KpiValue lineItem(String id, PeriodKey period) {
        LineItem item = LineItem.byId(id);
        Amount amount = item.nature() == LineItem.Nature.FLOW ? flow(item, period) : closing(item, period);
        return money(id, period, amount);
    }

    private static KpiValue money(String kpi, PeriodKey period, Amount amount) {
        return KpiValue.available(kpi, period, amount.value(), amount.unit(), amount.inputs());
    }

    private KpiValue margin(String kpi, LineItem item, PeriodKey period) {
        return ratio(kpi, period, flow(item, period), flow(LineItem.REVENUE, period), true);
    }

    /**
     * numerator / denominator. A zero denominator is not meaningful; so is a negative one where the ratio only reads
     * one way (margins over negative revenue, returns over negative equity, cash conversion of a loss).
     */
    private static KpiValue ratio(String kpi, PeriodKey period, Amount numerator, Amount denominator,
                                  boolean denominatorMustBePositive) {
        requireSameUnit(numerator, denominator);
        List<LineItemValue> inputs = numerator.join(denominator);
        if (denominator.value().signum() == 0
                || denominatorMustBePositive && denominator.value().signum() < 0) {
            return KpiValue.notMeaningful(kpi, period, "denominator is " + denominator.value().toPlainString(),
                    inputs);
        }
        return KpiValue.available(kpi, period, numerator.value().divide(denominator.value(), MATH), "pure", inputs);
    }

    /**
     * ROIC = operating income × (1 − tax rate) / average (total debt + equity − cash). Tax rate = income tax /
     * pre-tax income, clamped to 0–50 %; 21 % (US statutory) when either is missing or pre-tax income is not
     * positive, and the KPI says so.
     */
    private KpiValue returnOnInvestedCapital(PeriodKey period) {
        Amount operatingIncome = flow(LineItem.OPERATING_INCOME, period);
        Amount capital = investedCapital(period);
        Amount opening = investedCapital(period.yearsBefore(1));
        requireSameUnit(capital, opening);
        Amount averageCapital = new Amount(capital.value().add(opening.value()).divide(TWO, MATH), capital.unit(),
                capital.join(opening));
        List<LineItemValue> taxInputs = new ArrayList<>();
        String note = null;
        BigDecimal taxRate;
        try {
            Amount tax = flow(LineItem.INCOME_TAX, period);
            Amount pretax = flow(LineItem.PRETAX_INCOME, period);
            requireSameUnit(tax, pretax);
            if (pretax.value().signum() <= 0) {
                throw new Gap("pre-tax income is not positive");
            }
            taxRate = tax.value().divide(pretax.value(), MATH).max(BigDecimal.ZERO).min(MAX_TAX_RATE);
            taxInputs.addAll(tax.join(pretax));
            // The rate is part of the answer: the chatbot (and an analyst checking it) can see what was assumed.
            note = "effective tax rate " + taxRate.movePointRight(2).setScale(1, RoundingMode.HALF_EVEN)
                    .toPlainString() + "% (income_tax / pre-tax income, kept within 0–50%)";
        } catch (Gap gap) {
            taxRate = DEFAULT_TAX_RATE;
            note = "tax rate 21% assumed: effective rate unavailable (" + gap.getMessage() + ")";
        }
        Amount nopat = new Amount(operatingIncome.value().multiply(BigDecimal.ONE.subtract(taxRate)),
                operatingIncome.unit(), operatingIncome.inputs());
        KpiValue value = ratio("return_on_invested_capital", period, nopat, averageCapital, true);
        List<LineItemValue> inputs = new ArrayList<>(value.inputs());
        inputs.addAll(taxInputs);
        KpiValue withInputs = new KpiValue(value.kpi(), period, value.status(), value.value(), value.unit(),
                value.reason(), inputs);
        return note == null ? withInputs : withInputs.withNote(value.reason() == null ? note
                : value.reason() + "; " + note);
    }

    private Amount investedCapital(PeriodKey period) {
        Amount debtAndEquity = sameUnit(closing(LineItem.TOTAL_DEBT, period),
                closing(LineItem.SHAREHOLDERS_EQUITY, period), true);
        return sameUnit(debtAndEquity, closing(LineItem.CASH, period), false);
    }

    /** (last / first)^(1 / years) − 1 with years from the two periods' end dates; both values must be positive. */
    private KpiValue cagr(String kpi, LineItem item, PeriodKey period, PeriodKey from) {
        LineItemValue last = store.get(item, period).orElseThrow(() -> Gap.missing(item, period, store));
        LineItemValue first = store.get(item, from).orElseThrow(() -> Gap.missing(item, from, store));
        List<LineItemValue> inputs = List.of(first, last);
        if (!first.unit().equals(last.unit())) {
            throw new Gap("inputs in different units (" + first.unit() + ", " + last.unit() + "): never mixed");
        }
        if (first.value().signum() <= 0 || last.value().signum() <= 0) {
            return KpiValue.notMeaningful(kpi, period, "CAGR needs two positive values (" + first.value()
                    .toPlainString() + " → " + last.value().toPlainString() + ")", inputs);
        }
        double years = ChronoUnit.DAYS.between(first.end(), last.end()) / DAYS_PER_YEAR;
        if (years <= 0) {
            return KpiValue.notMeaningful(kpi, period, "CAGR needs two different periods", inputs);
        }
        double growth = Math.pow(last.value().doubleValue() / first.value().doubleValue(), 1 / years) - 1;
        return KpiValue.available(kpi, period, new BigDecimal(growth, MATH), "pure", inputs);
    }

    /** Revenue CAGR from the first fiscal year with revenue to this period. */
    private KpiValue revenueCagrAllYears(PeriodKey period) {
        PeriodKey first = store.series(LineItem.REVENUE).keySet().stream()
                .filter(k -> k.kind() == PeriodKind.FY).findFirst()
                .orElseThrow(() -> new Gap("no fiscal year with revenue"));
        return cagr("revenue_cagr", LineItem.REVENUE, period, first);
    }

    /** (this − previous) / |previous| for the same period length one year earlier. */
    private static KpiValue growth(String kpi, PeriodKey period, Amount current, Supplier<Amount> previousInput) {
        Amount previous = previousInput.get();
        requireSameUnit(current, previous);
        List<LineItemValue> inputs = previous.join(current);
        if (previous.value().signum() == 0) {
            return KpiValue.notMeaningful(kpi, period, "previous value is zero", inputs);
        }
        BigDecimal change = current.value().subtract(previous.value()).divide(previous.value().abs(), MATH);
        return KpiValue.available(kpi, period, change, "pure", inputs);
    }

    private static KpiValue attempt(String kpi, PeriodKey period, Supplier<KpiValue> formula) {
        try {
            return formula.get();
        } catch (Gap gap) {
            return KpiValue.unavailable(kpi, period, gap.getMessage());
        }
    }

    /** A missing input: turns into an "unavailable" KPI with the message as reason. */
    static final class Gap extends RuntimeException {

        Gap(String reason) {
            super(reason, null, false, false);
        }

        static Gap missing(LineItem item, PeriodKey period, ItemStore store) {
            return new Gap(item.id() + " missing for " + period
                    + store.gapReason(item, period).map(reason -> " (" + reason + ")").orElse(""));
        }
    }

    // ---- market KPIs --------------------------------------------------------------------------------------------

    /** KPIs that need a price. Computed for the current TTM period only: the price is today's. */
    private final class MarketKpis {

        private final PeriodKey period;

        MarketKpis(PeriodKey period) {
            this.period = period;
        }

        void addTo(Map<String, KpiValue> kpis) {
            Optional<String> unavailable = unavailableReason();
            if (unavailable.isPresent()) {
                Kpis.MARKET.forEach(kpi -> add(kpis, KpiValue.unavailable(kpi, period, unavailable.get())));
                return;
            }
            Quote q = quote.orElseThrow();
            add(kpis, attempt("market_cap", period, () -> money("market_cap", period, marketCap(q))));
            add(kpis, attempt("enterprise_value", period,
                    () -> money("enterprise_value", period, enterpriseValue(q))));
            add(kpis, attempt("pe_ratio", period, () -> peRatio(q)));
            add(kpis, attempt("ev_ebitda", period, () -> ratio("ev_ebitda", period, enterpriseValue(q),
                    ebitda(period), true)));
            add(kpis, attempt("pb_ratio", period, () -> ratio("pb_ratio", period, marketCap(q),
                    closing(LineItem.SHAREHOLDERS_EQUITY, period), true)));
            add(kpis, attempt("peg_ratio", period, () -> pegRatio(q)));
            add(kpis, attempt("dividend_yield", period, () -> dividendYield(q)));
            add(kpis, attempt("share_buyback_intensity", period, () -> ratio("share_buyback_intensity", period,
                    flow(LineItem.BUYBACKS, period), marketCap(q), true)));
            add(kpis, attempt("tsr", period, () -> totalShareholderReturn(q)));
        }

        private Optional<String> unavailableReason() {
            if (currentTtm.isEmpty() || !currentTtm.get().equals(period)) {
                return Optional.of("market KPIs use a current price and are computed for the current TTM period only");
            }
            if (quote.isEmpty()) {
                return Optional.of("no price: " + noQuoteReason);
            }
            return Optional.empty();
        }

        private Amount price(Quote q) {
            return new Amount(q.price(), q.currency(), List.of());
        }

        /** All classes from one filing's cover page as of the latest date before the quote; else the balance sheet. */
        private Amount shareCount(Quote q) {
            Optional<LineItemValue> cover = shares.latestAsOf(q.asOf());
            return cover.map(Amount::of).orElseGet(() -> closing(LineItem.SHARES_OUTSTANDING, period));
        }

        private Amount marketCap(Quote q) {
            requireReportingCurrency(q);
            Amount count = shareCount(q);
            return new Amount(q.price().multiply(count.value()), q.currency(), count.inputs());
        }

        private Amount enterpriseValue(Quote q) {
            Amount withDebt = sameUnit(marketCap(q), closing(LineItem.TOTAL_DEBT, period), true);
            return sameUnit(withDebt, closing(LineItem.CASH, period), false);
        }

        private void requireReportingCurrency(Quote q) {
            String currency = closing(LineItem.SHAREHOLDERS_EQUITY, period).unit();
            if (!currency.equals(q.currency())) {
                throw new Gap("quote is in " + q.currency() + " but the filings report in " + currency);
            }
        }

        /**
         * Price / TTM diluted EPS (both on today's split basis). EPS is never differenced, so a TTM window that does
         * not end at a fiscal year end usually has no EPS (its Q4 would be FY − 9M); the P/E then uses the latest
         * fiscal year's diluted EPS, the trailing twelve months the filings do report, and says so.
         */
        private KpiValue peRatio(Quote q) {
            String note = null;
            Amount eps;
            try {
                eps = flow(LineItem.EPS_DILUTED, period);
            } catch (Gap gap) {
                int year = period.quarter() == 4 ? period.fiscalYear() : period.fiscalYear() - 1;
                PeriodKey lastYear = PeriodKey.fy(year);
                eps = flow(LineItem.EPS_DILUTED, lastYear);
                // The period names itself ("TTM through Q1 FY2026"): the note does not repeat "TTM … through".
                note = "uses " + lastYear + " diluted EPS: EPS for the " + period + " is not derivable (EPS is never"
                        + " differenced)";
            }
            if (!eps.unit().equals(q.currency() + "/shares")) {
                throw new Gap("quote is in " + q.currency() + " but EPS is in " + eps.unit());
            }
            Amount perShare = new Amount(eps.value(), q.currency(), eps.inputs());
            KpiValue pe = ratio("pe_ratio", period, price(q), perShare, true);
            return note == null || pe.reason() != null ? pe : pe.withNote(note);
        }

        private KpiValue pegRatio(Quote q) {
            KpiValue pe = peRatio(q);
            // The growth rate is measured on the same EPS window the P/E used.
            PeriodKey epsWindow = pe.inputs().isEmpty() ? period : pe.inputs().get(0).period();
            KpiValue growth = cagr("eps_cagr_3y", LineItem.EPS_DILUTED, epsWindow, epsWindow.yearsBefore(3));
            List<LineItemValue> inputs = new ArrayList<>(pe.inputs());
            inputs.addAll(growth.inputs());
            if (!pe.isAvailable() || !growth.isAvailable() || growth.value().signum() <= 0) {
                return KpiValue.notMeaningful("peg_ratio", period, "needs a positive P/E and a positive 3-year EPS "
                        + "CAGR (pe: " + describe(pe) + ", eps_cagr_3y: " + describe(growth) + ")", inputs);
            }
            return KpiValue.available("peg_ratio", period, pe.value().divide(growth.value().multiply(HUNDRED), MATH),
                    "pure", inputs);
        }

        /**
         * TTM dividends paid per share / price. Dividends per share = TTM cash dividends paid / the share count used
         * for the market cap. Limitation: dividends on preferred stock are included when the filer tags only the
         * total PaymentsOfDividends.
         */
        private KpiValue dividendYield(Quote q) {
            Amount perShare = dividendsPerShare(q);
            return ratio("dividend_yield", period, perShare, price(q), true);
        }

        private Amount dividendsPerShare(Quote q) {
            requireReportingCurrency(q);
            Amount dividends = flow(LineItem.DIVIDENDS_PAID, period);
            Amount count = shareCount(q);
            return new Amount(dividends.value().divide(count.value(), MATH), dividends.unit(),
                    dividends.join(count));
        }

        /**
         * (price now − price a year ago + dividends per share paid in between) / price a year ago. The dividends are
         * the quote source's, with ex-dates between the two prices. A source that reports no dividend events leaves
         * the filings: none when the company reports no dividends paid at all, else the TTM window's dividends paid
         * per share. Limitation: that fallback is the TTM window, not exactly the span between the two prices.
         */
        private KpiValue totalShareholderReturn(Quote q) {
            if (q.priceYearAgo() == null || q.priceYearAgo().signum() <= 0) {
                throw new Gap("no price a year ago in the quote");
            }
            Amount perShare;
            String note;
            if (q.dividendsPerShare() != null) {
                perShare = new Amount(q.dividendsPerShare(), q.currency(), List.of());
                note = "dividends " + q.dividendsPerShare().stripTrailingZeros().toPlainString() + " " + q.currency()
                        + " per share with ex-dates after " + q.yearAgoDate() + " through " + q.asOf()
                        + ", from the quote source";
            } else if (store.series(LineItem.DIVIDENDS_PAID).isEmpty()) {
                perShare = new Amount(BigDecimal.ZERO, q.currency(), List.of());
                note = "no dividends: the quote source reported none and the filings report no dividends paid";
            } else {
                perShare = dividendsPerShare(q);
                note = "the quote source reported no dividends; uses the " + period
                        + " dividends paid per share from the filings";
            }
            BigDecimal gain = q.price().subtract(q.priceYearAgo()).add(perShare.value());
            return KpiValue.available("tsr", period, gain.divide(q.priceYearAgo(), MATH), "pure", perShare.inputs())
                    .withNote(note);
        }

        private String describe(KpiValue value) {
            return value.isAvailable() ? value.value().round(new MathContext(4)).toPlainString()
                    : value.status().code() + ": " + value.reason();
        }
    }
}
