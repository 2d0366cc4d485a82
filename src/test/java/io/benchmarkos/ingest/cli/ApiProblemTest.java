package io.benchmarkos.ingest.cli;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** A refused read command prints one line that says what to do, not the API's JSON. */
class ApiProblemTest {

    @Test
    void aMissingTokenNamesTheWaysToGiveIt() {
        assertThat(new ApiClient.Response(401, "{\"status\":401,\"error\":\"no API token: send"
                + " 'Authorization: Bearer <api.token>'\"}").problem("GET /api/status"))
                .isEqualTo("GET /api/status answered 401: the API wants its token; give --token, or set"
                        + " BENCHMARKOS_API_TOKEN (or API_TOKEN, as the server has it)");
    }

    @Test
    void aWrongTokenIsToldApartFromAMissingOne() {
        assertThat(new ApiClient.Response(401, "{\"status\":401,\"error\":\"wrong API token: send the api.token"
                + " this server was started with (API_TOKEN in production)\"}").problem("GET /api/status"))
                .isEqualTo("GET /api/status answered 401: the token given is not the server's; give --token, or set"
                        + " BENCHMARKOS_API_TOKEN (or API_TOKEN, as the server has it)");
    }

    @Test
    void anErrorAnswerGivesItsErrorOnOneLine() {
        assertThat(new ApiClient.Response(404, "{\n  \"status\" : 404,\n  \"error\" : \"no job abc\"\n}")
                .problem("GET /api/jobs/abc")).isEqualTo("GET /api/jobs/abc answered 404: no job abc");
        assertThat(new ApiClient.Response(502, "<html>Bad gateway</html>").problem("GET /api/companies"))
                .isEqualTo("GET /api/companies answered 502");
    }
}
