package io.benchmarkos.ingest.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.io.PrintStream;
import java.net.ConnectException;
import java.util.concurrent.Callable;

@Command(name = "companies", mixinStandardHelpOptions = true,
        description = "List loaded companies with their latest fiscal year and when their facts were loaded.")
final class CompaniesCommand implements Callable<Integer> {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String ROW = "%-12s %10s  %-34s %9s  %-9s %-11s %s%n";

    @Mixin
    ClientOptions client;

    @Option(names = "--json", description = "Print the API's JSON instead of a table.")
    boolean json;

    @Override
    public Integer call() throws Exception {
        ApiClient api = new ApiClient(client);
        if (json) {
            return ReadCommands.printJson(api, "/companies", client);
        }
        try {
            ApiClient.Response response = api.get("/companies");
            if (response.status() != 200) {
                System.err.println(response.problem("GET /api/companies"));
                return 1;
            }
            print(JSON.readTree(response.body()), System.out);
            return 0;
        } catch (ConnectException e) {
            System.err.println("cannot reach the application at " + client.apiUrl() + ": " + client.startHint());
            return 3;
        }
    }

    /** One line a company; "-" where the API has nothing yet (no XBRL facts, no fiscal year computed). */
    static void print(JsonNode companies, PrintStream out) {
        if (companies.isEmpty()) {
            out.println("no companies yet: submit one (e.g. submit AAPL)");
            return;
        }
        out.printf(ROW, "ticker", "cik", "name", "facts", "latest FY", "period end", "facts loaded at");
        for (JsonNode company : companies) {
            String name = company.path("name").asText("-");
            out.printf(ROW, text(company, "tickers"), text(company, "cik"),
                    name.length() > 34 ? name.substring(0, 33) + "…" : name, text(company, "facts"),
                    text(company, "latest_fiscal_year"), text(company, "latest_period_end"),
                    text(company, "facts_loaded_at"));
        }
    }

    private static String text(JsonNode company, String field) {
        JsonNode value = company.path(field);
        return value.isMissingNode() || value.isNull() || value.asText().isEmpty() ? "-" : value.asText();
    }
}
