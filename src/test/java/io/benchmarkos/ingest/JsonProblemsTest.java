package io.benchmarkos.ingest;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

import java.io.IOException;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/** A reason a person reads: what is wrong and where, without Jackson's source excerpts. */
class JsonProblemsTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void aTruncatedObjectSaysSoAndWhere() {
        IOException e = catchThrowableOfType(() -> JSON.readTree("{\"ticker\": \"AAPL\""), IOException.class);

        String text = JsonProblems.describe(e);

        assertThat(text).startsWith("Unexpected end-of-input").contains("at line 1, column ")
                .doesNotContain("Source").doesNotContain("REDACTED").doesNotContain("\n");
    }

    @Test
    void aBadTokenKeepsJacksonsWordsForIt() {
        IOException e = catchThrowableOfType(() -> JSON.readTree("{\"ticker\": nope}"), IOException.class);

        assertThat(JsonProblems.describe(e)).contains("Unrecognized token 'nope'").contains("at line 1")
                .doesNotContain("Source");
    }

    @Test
    void anHtmlPageServedAsJsonIsNamedAsOne() {
        IOException page = catchThrowableOfType(() -> JSON.readTree("<!DOCTYPE html><html><body>Maintenance"),
                IOException.class);
        IOException tag = catchThrowableOfType(() -> JSON.createParser(
                "<html>".getBytes(java.nio.charset.StandardCharsets.UTF_8)).nextToken(), IOException.class);
        IOException later = catchThrowableOfType(() -> JSON.readTree("{\"a\": <b>}"), IOException.class);

        assertThat(JsonProblems.describe(page)).startsWith("Unexpected character ('<'")
                .endsWith("at line 1, column 1; it looks like an HTML page, not JSON");
        assertThat(JsonProblems.describe(tag)).endsWith("; it looks like an HTML page, not JSON");
        assertThat(JsonProblems.describe(later)).doesNotContain("HTML");
    }
}
