package io.benchmarkos.ingest.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.io.PrintStream;
import java.util.concurrent.Callable;

@Command(name = "companies", mixinStandardHelpOptions = true,
        description = "List loaded companies with their latest fiscal year and when their facts were loaded.")
final class CompaniesCommand implements Callable<Integer> {

    private static final String ROW = "%-12s %10s  %-34s %9s  %-9s %-12s %s%n";
    /** The API answers at most 5,000 companies a request; the command reads page after page. */
    static final int PAGE = 1000;
    private static final ObjectMapper JSON = new ObjectMapper();

    @Mixin
    ClientOptions client;

    @Option(names = "--json", description = "Print the API's JSON instead of a table.")
    boolean json;

    @Override
    public Integer call() throws Exception {
        ApiClient api = new ApiClient(client);
        return ReadCommands.printAllPages(api, "/companies", PAGE, companies -> {
            if (json) {
                System.out.println(JSON.writerWithDefaultPrettyPrinter().writeValueAsString(companies));
            } else {
                print(companies, System.out);
            }
            return 0;
        });
    }

    /** One line a company; "-" where the API has nothing yet (no XBRL facts, no fiscal year computed). */
    static void print(JsonNode companies, PrintStream out) {
        if (companies.isEmpty()) {
            out.println("no companies yet: submit one (e.g. submit AAPL)");
            return;
        }
        out.printf(ROW, "ticker", "cik", "name", "facts", "latest FY", "data through", "facts loaded at");
        for (JsonNode company : companies) {
            out.printf(ROW, cut(text(company, "tickers"), 12), text(company, "cik"),
                    cut(company.path("name").asText("-"), 34), text(company, "facts"),
                    text(company, "latest_fiscal_year"), text(company, "latest_period_end"),
                    text(company, "facts_loaded_at"));
        }
    }

    /** Keeps the columns aligned: Fannie Mae alone lists 16 tickers. */
    private static String cut(String text, int width) {
        return text.length() > width ? text.substring(0, width - 1) + "…" : text;
    }

    private static String text(JsonNode company, String field) {
        JsonNode value = company.path(field);
        return value.isMissingNode() || value.isNull() || value.asText().isEmpty() ? "-" : value.asText();
    }
}
