package io.benchmarkos.ingest;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;

import java.io.IOException;

/** What is wrong with a JSON input, in words for a job's reason: Jackson's own source excerpts are left out. */
public final class JsonProblems {

    private JsonProblems() {
    }

    /** E.g. "Unexpected end-of-input: expected close marker for Object at line 1, column 1500001". */
    public static String describe(IOException e) {
        if (!(e instanceof JsonProcessingException problem)) {
            return String.valueOf(e.getMessage());
        }
        String text = String.valueOf(problem.getOriginalMessage())
                .replaceAll("\\s*\\(start marker at \\[Source:[^]]*][^)]*\\)", "")
                .replaceAll("\\s*\\[Source:[^]]*][^\\n]*", "")
                // NaN or Infinity: the setting Jackson suggests is no advice for someone who did not write the JSON.
                .replaceAll(": enable `JsonReadFeature\\.ALLOW_NON_NUMERIC_NUMBERS` to allow", ": not a JSON number");
        int newline = text.indexOf('\n');
        if (newline >= 0) {
            text = text.substring(0, newline);
        }
        JsonLocation at = problem.getLocation();
        String where = at == null || at.getLineNr() < 0 ? "" : " at line " + at.getLineNr() + ", column "
                + at.getColumnNr();
        // A server's error or maintenance page labelled as JSON: the first character tells, the message did not.
        String html = text.startsWith("Unexpected character ('<'") && at != null && at.getLineNr() == 1
                && at.getColumnNr() <= 2 ? "; it looks like an HTML page, not JSON" : "";
        return text.strip() + where + html;
    }
}
