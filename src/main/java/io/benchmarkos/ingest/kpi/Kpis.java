package io.benchmarkos.ingest.kpi;

import java.util.List;

/** KPI names and the phase lists of KPIS.md. */
public final class Kpis {

    public static final List<String> LINE_ITEM_KPIS = List.of("revenue", "net_income", "operating_income",
            "gross_profit", "operating_cash_flow", "total_assets", "total_liabilities", "shareholders_equity");

    public static final List<String> MARKET = List.of("market_cap", "enterprise_value", "pe_ratio", "ev_ebitda",
            "pb_ratio", "peg_ratio", "dividend_yield", "share_buyback_intensity", "tsr");

    public static final List<String> PHASE_1 = List.of("revenue", "net_income", "operating_income", "gross_profit",
            "operating_cash_flow", "free_cash_flow", "total_assets", "total_liabilities", "shareholders_equity",
            "ebitda_margin", "return_on_equity", "revenue_cagr_3y");

    public static final List<String> PHASE_2 = List.of("revenue_cagr", "revenue_cagr_3y", "eps_cagr_3y",
            "ebitda_growth", "ebitda_margin", "gross_margin", "operating_margin", "net_margin", "return_on_assets",
            "return_on_equity", "return_on_invested_capital", "free_cash_flow_margin", "cash_conversion",
            "debt_to_equity", "current_ratio", "quick_ratio", "pe_ratio", "ev_ebitda", "pb_ratio", "peg_ratio",
            "dividend_yield", "tsr", "share_buyback_intensity");

    private Kpis() {
    }
}
