package io.benchmarkos.ingest.kpi;

import java.util.List;
import java.util.stream.Stream;

/**
 * The line items of KPIS.md with their concept chains (first concept that has the period wins), plus a few
 * component items ({@link #isComponent()}) that derived items and KPIs are built from.
 */
public enum LineItem {
    REVENUE("revenue", Nature.FLOW, Measure.MONEY,
            List.of("Revenues", "RevenueFromContractWithCustomerExcludingAssessedTax",
                    "RevenueFromContractWithCustomerIncludingAssessedTax", "SalesRevenueNet", "SalesRevenueGoodsNet",
                    "SalesRevenueServicesNet", "RevenuesNetOfInterestExpense"),
            List.of("Revenue", "RevenueFromContractsWithCustomers"),
            // Goods and services revenue are slices of one total: when neither a total nor anything above them
            // answers, the slices one filing reported for the period are added up.
            List.of("SalesRevenueGoodsNet", "SalesRevenueServicesNet")),
    COST_OF_REVENUE("cost_of_revenue", Nature.FLOW, Measure.MONEY,
            List.of("CostOfRevenue", "CostOfGoodsAndServicesSold", "CostOfGoodsSold", "CostOfServices"),
            List.of("CostOfSales"), List.of("CostOfGoodsSold", "CostOfServices")),
    GROSS_PROFIT("gross_profit", Nature.FLOW, Measure.MONEY, List.of("GrossProfit"), List.of("GrossProfit")),
    OPERATING_INCOME("operating_income", Nature.FLOW, Measure.MONEY, List.of("OperatingIncomeLoss"),
            List.of("ProfitLossFromOperatingActivities")),
    NET_INCOME("net_income", Nature.FLOW, Measure.MONEY,
            List.of("NetIncomeLoss", "NetIncomeLossAvailableToCommonStockholdersBasic", "ProfitLoss"),
            List.of("ProfitLossAttributableToOwnersOfParent", "ProfitLoss")),
    EPS_BASIC("eps_basic", Nature.FLOW, Measure.PER_SHARE, List.of("EarningsPerShareBasic"),
            List.of("BasicEarningsLossPerShare")),
    EPS_DILUTED("eps_diluted", Nature.FLOW, Measure.PER_SHARE, List.of("EarningsPerShareDiluted"),
            List.of("DilutedEarningsLossPerShare")),
    // IFRS tags the diluted weighted average as AdjustedWeightedAverageShares (WeightedAverageShares is basic).
    DILUTED_SHARES("diluted_shares", Nature.FLOW, Measure.SHARES,
            List.of("WeightedAverageNumberOfDilutedSharesOutstanding"), List.of("AdjustedWeightedAverageShares")),
    // dei:EntityCommonStockSharesOutstanding (summed over classes) is handled by SharesOutstanding; this is the
    // balance-sheet fallback.
    SHARES_OUTSTANDING("shares_outstanding", Nature.BALANCE, Measure.SHARES,
            List.of("CommonStockSharesOutstanding"), List.of()),
    TOTAL_ASSETS("total_assets", Nature.BALANCE, Measure.MONEY, List.of("Assets"), List.of("Assets")),
    CURRENT_ASSETS("current_assets", Nature.BALANCE, Measure.MONEY, List.of("AssetsCurrent"),
            List.of("CurrentAssets")),
    TOTAL_LIABILITIES("total_liabilities", Nature.BALANCE, Measure.MONEY, List.of("Liabilities"),
            List.of("Liabilities")),
    CURRENT_LIABILITIES("current_liabilities", Nature.BALANCE, Measure.MONEY, List.of("LiabilitiesCurrent"),
            List.of("CurrentLiabilities")),
    SHAREHOLDERS_EQUITY("shareholders_equity", Nature.BALANCE, Measure.MONEY,
            List.of("StockholdersEquity", "StockholdersEquityIncludingPortionAttributableToNoncontrollingInterest"),
            List.of("EquityAttributableToOwnersOfParent", "Equity")),
    CASH("cash", Nature.BALANCE, Measure.MONEY,
            List.of("CashAndCashEquivalentsAtCarryingValue",
                    "CashCashEquivalentsRestrictedCashAndRestrictedCashEquivalents"),
            List.of("CashAndCashEquivalents")),
    INVENTORY("inventory", Nature.BALANCE, Measure.MONEY, List.of("InventoryNet"), List.of("Inventories")),
    RECEIVABLES("receivables", Nature.BALANCE, Measure.MONEY, List.of("AccountsReceivableNetCurrent"),
            List.of("TradeAndOtherCurrentReceivables")),
    // Always derived from the components below (DerivedItems).
    TOTAL_DEBT("total_debt", Nature.BALANCE, Measure.MONEY, List.of(), List.of()),
    // IFRS CashFlowsFromUsedInOperations is cash generated before interest and tax: deliberately not in the chain.
    OPERATING_CASH_FLOW("operating_cash_flow", Nature.FLOW, Measure.MONEY,
            List.of("NetCashProvidedByUsedInOperatingActivities",
                    "NetCashProvidedByUsedInOperatingActivitiesContinuingOperations"),
            List.of("CashFlowsFromUsedInOperatingActivities")),
    CAPEX("capex", Nature.FLOW, Measure.MONEY,
            List.of("PaymentsToAcquirePropertyPlantAndEquipment", "PaymentsToAcquireProductiveAssets",
                    "PaymentsForCapitalImprovements"),
            List.of("PurchaseOfPropertyPlantAndEquipmentClassifiedAsInvestingActivities",
                    "PurchaseOfPropertyPlantAndEquipment")),
    DEPRECIATION_AMORTIZATION("depreciation_amortization", Nature.FLOW, Measure.MONEY,
            List.of("DepreciationDepletionAndAmortization", "DepreciationAndAmortization",
                    "DepreciationAmortizationAndAccretionNet"),
            List.of("DepreciationAndAmortisationExpense")),
    INTEREST_EXPENSE("interest_expense", Nature.FLOW, Measure.MONEY, List.of("InterestExpense"),
            List.of("FinanceCosts")),
    INCOME_TAX("income_tax", Nature.FLOW, Measure.MONEY, List.of("IncomeTaxExpenseBenefit"),
            List.of("IncomeTaxExpenseContinuingOperations")),
    // A total beats a slice: all dividends paid first, common-only dividends when that is all that is tagged.
    DIVIDENDS_PAID("dividends_paid", Nature.FLOW, Measure.MONEY,
            List.of("PaymentsOfDividends", "PaymentsOfDividendsCommonStock"),
            List.of("DividendsPaidClassifiedAsFinancingActivities", "DividendsPaid")),
    BUYBACKS("buybacks", Nature.FLOW, Measure.MONEY, List.of("PaymentsForRepurchaseOfCommonStock"),
            List.of("PaymentsToAcquireOrRedeemEntitysShares")),

    // Components: resolved like line items, used by derived items and KPIs, not part of the KPIS.md list.
    PRETAX_INCOME("pretax_income", Nature.FLOW, Measure.MONEY,
            List.of("IncomeLossFromContinuingOperationsBeforeIncomeTaxesExtraordinaryItemsNoncontrollingInterest",
                    "IncomeLossFromContinuingOperationsBeforeIncomeTaxes"
                            + "MinorityInterestAndIncomeLossFromEquityMethodInvestments"),
            List.of("ProfitLossBeforeTax")),
    LIABILITIES_AND_EQUITY("liabilities_and_equity", Nature.BALANCE, Measure.MONEY,
            List.of("LiabilitiesAndStockholdersEquity"), List.of("EquityAndLiabilities")),
    TOTAL_EQUITY("total_equity", Nature.BALANCE, Measure.MONEY,
            List.of("StockholdersEquityIncludingPortionAttributableToNoncontrollingInterest", "StockholdersEquity"),
            List.of("Equity")),
    LONG_TERM_DEBT_NONCURRENT("long_term_debt_noncurrent", Nature.BALANCE, Measure.MONEY,
            List.of("LongTermDebtNoncurrent"), List.of("NoncurrentPortionOfNoncurrentBorrowings")),
    LONG_TERM_DEBT_CURRENT("long_term_debt_current", Nature.BALANCE, Measure.MONEY,
            List.of("LongTermDebtCurrent"), List.of("CurrentBorrowingsAndCurrentPortionOfNoncurrentBorrowings")),
    SHORT_TERM_BORROWINGS("short_term_borrowings", Nature.BALANCE, Measure.MONEY, List.of("ShortTermBorrowings"),
            List.of()),
    COMMERCIAL_PAPER("commercial_paper", Nature.BALANCE, Measure.MONEY, List.of("CommercialPaper"), List.of()),
    LONG_TERM_DEBT("long_term_debt", Nature.BALANCE, Measure.MONEY, List.of("LongTermDebt"),
            List.of("Borrowings")),
    DEPRECIATION("depreciation", Nature.FLOW, Measure.MONEY, List.of("Depreciation"),
            List.of("DepreciationPropertyPlantAndEquipment")),
    AMORTIZATION("amortization", Nature.FLOW, Measure.MONEY, List.of("AmortizationOfIntangibleAssets"),
            List.of("AmortisationIntangibleAssetsOtherThanGoodwill"));

    /** Durations (flows, differenced into quarters and TTM) or instants (balances, never differenced). */
    public enum Nature { FLOW, BALANCE }

    /** Money is never split-adjusted; per-share values and share counts are, and are never differenced. */
    public enum Measure { MONEY, PER_SHARE, SHARES }

    public static final String US_GAAP = "us-gaap";
    public static final String IFRS = "ifrs-full";

    private final String id;
    private final Nature nature;
    private final Measure measure;
    /** Resolving asks for it for every period of every item: built once. */
    private final List<String> chain;
    /** In the order they are named in a sum: a list, so that derived_from reads the same on every run. */
    private final List<String> slices;

    LineItem(String id, Nature nature, Measure measure, List<String> usGaap, List<String> ifrs) {
        this(id, nature, measure, usGaap, ifrs, List.of());
    }

    LineItem(String id, Nature nature, Measure measure, List<String> usGaap, List<String> ifrs, List<String> slices) {
        this.id = id;
        this.nature = nature;
        this.measure = measure;
        this.slices = slices;
        this.chain = Stream.concat(usGaap.stream().map(concept -> US_GAAP + ':' + concept),
                ifrs.stream().map(concept -> IFRS + ':' + concept)).toList();
    }

    public String id() {
        return id;
    }

    public Nature nature() {
        return nature;
    }

    public Measure measure() {
        return measure;
    }

    /** The chain as taxonomy:concept, us-gaap first (a filer uses one taxonomy per period, rarely both). */
    public List<String> chain() {
        return chain;
    }

    /** Concepts that are parts of one total and are added up when they answer (same filing, same unit). */
    public boolean isSlice(String concept) {
        return slices.contains(concept);
    }

    public List<String> sliceConcepts() {
        return slices;
    }

    /** Quarters and TTM are only derived for money flows: never for balances, EPS or share counts. */
    public boolean isDifferenceable() {
        return nature == Nature.FLOW && measure == Measure.MONEY;
    }

    public boolean isComponent() {
        return ordinal() >= PRETAX_INCOME.ordinal();
    }

    public static LineItem byId(String id) {
        for (LineItem item : values()) {
            if (item.id.equals(id)) {
                return item;
            }
        }
        throw new IllegalArgumentException("unknown line item " + id);
    }
}
