package io.benchmarkos.ingest.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.benchmarkos.ingest.support.CliRun;
import io.benchmarkos.ingest.support.TestApp;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** More companies than one answer holds (as after SEC's archive): pages over the API, all of them in the CLI. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class CompaniesPagingTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    /** Named companies 1 to 1200, CIKs 5000001…, and three imported without a name (CIKs 4000001…). */
    private static final int NAMED = 1200;
    private static final int UNNAMED = 3;

    private final HttpClient http = HttpClient.newHttpClient();
    private TestApp app;

    @BeforeAll
    void start() throws Exception {
        app = TestApp.start("http://127.0.0.1:9", Map.of());
        try (Connection c = app.dataSource().getConnection();
             PreparedStatement insert = c.prepareStatement("INSERT INTO company (cik, name) VALUES (?, ?)")) {
            for (int i = 1; i <= NAMED; i++) {
                insert.setLong(1, 5_000_000L + i);
                insert.setString(2, String.format("Company %04d", i));
                insert.addBatch();
            }
            for (int i = 1; i <= UNNAMED; i++) {
                insert.setLong(1, 4_000_000L + i);
                insert.setString(2, null);
                insert.addBatch();
            }
            insert.executeBatch();
        }
    }

    @AfterAll
    void stop() {
        app.close();
    }

    @Test
    void pagesCoverEveryCompanyOnceByNameThenTheUnnamedByCik() throws Exception {
        List<Long> ciks = new ArrayList<>();
        for (int offset = 0; ; offset += 500) {
            JsonNode page = get("/companies?limit=500&offset=" + offset);
            page.forEach(company -> ciks.add(company.path("cik").asLong()));
            if (page.size() < 500) {
                break;
            }
        }

        assertThat(ciks).hasSize(NAMED + UNNAMED).doesNotHaveDuplicates();
        assertThat(ciks.subList(0, 3)).containsExactly(5_000_001L, 5_000_002L, 5_000_003L);
        assertThat(ciks.subList(NAMED, NAMED + UNNAMED)).containsExactly(4_000_001L, 4_000_002L, 4_000_003L);
    }

    @Test
    void withoutALimitTheFirstThousandAreAnswered() throws Exception {
        JsonNode page = get("/companies");

        assertThat(page).hasSize(1000);
        assertThat(page.get(999).path("name").asText()).isEqualTo("Company 1000");
    }

    @Test
    void aLimitOrOffsetOutOfRangeIsRefused() throws Exception {
        for (String query : List.of("limit=0", "limit=5001", "offset=-1", "limit=ten")) {
            HttpResponse<String> response = send("/companies?" + query);
            assertThat(response.statusCode()).as(query).isEqualTo(400);
            assertThat(JSON.readTree(response.body()).path("error").asText()).as(query)
                    .contains(query.substring(0, query.indexOf('=')));
        }
    }

    @Test
    void theCliListsEveryCompanyAcrossPages() {
        CliRun companies = CliRun.of("companies", "--api-url", app.apiUrl());

        String table = companies.output();
        assertThat(companies.exitCode()).isZero();
        // A header line, then one line a company.
        assertThat(table.lines().count()).isEqualTo(1 + NAMED + UNNAMED);
        assertThat(table.lines().skip(NAMED)).first().asString().contains("Company 1200");
    }

    private JsonNode get(String path) throws Exception {
        HttpResponse<String> response = send(path);
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return JSON.readTree(response.body());
    }

    private HttpResponse<String> send(String path) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create(app.apiUrl() + path)).GET().build(),
                HttpResponse.BodyHandlers.ofString());
    }
}
