package io.benchmarkos.ingest.cli;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** A refused read command prints one line that says what to do, not the API's JSON. */
class ApiProblemTest {

    private static final String STATUS = "GET /api/status";

    @Test
    void aMissingTokenNamesTheWaysToGiveIt() {
        assertThat(new ApiClient.Response(STATUS, 401, "{\"status\":401,\"error\":\"no API token: send"
                + " 'Authorization: Bearer <api.token>'\"}").problem())
                .isEqualTo("GET /api/status answered 401: the API wants its token; give --token, or set"
                        + " BENCHMARKOS_API_TOKEN (or API_TOKEN, as the server has it)");
    }

    @Test
    void aWrongTokenIsToldApartFromAMissingOne() {
        assertThat(new ApiClient.Response(STATUS, 401, "{\"status\":401,\"error\":\"wrong API token: send the api.token"
                + " this server was started with (API_TOKEN in production)\"}").problem())
                .isEqualTo("GET /api/status answered 401: the token given is not the server's; give --token, or set"
                        + " BENCHMARKOS_API_TOKEN (or API_TOKEN, as the server has it)");
    }

    @Test
    void anErrorAnswerGivesItsErrorOnOneLine() {
        assertThat(new ApiClient.Response("GET /api/jobs/abc", 404,
                "{\n  \"status\" : 404,\n  \"error\" : \"no job abc\"\n}").problem())
                .isEqualTo("GET /api/jobs/abc answered 404: no job abc");
        assertThat(new ApiClient.Response("GET /api/companies", 502, "<html>Bad gateway</html>").problem())
                .isEqualTo("GET /api/companies answered 502");
    }
}
