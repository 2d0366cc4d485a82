package io.benchmarkos.ingest.db;

import org.postgresql.PGConnection;

import java.io.IOException;
import java.io.StringReader;
import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Timestamp;

/**
 * PostgreSQL's {@code COPY … FROM STDIN (FORMAT csv)}: rows written as CSV text and handed over in one call, a few
 * times faster than a batch INSERT of the same rows. The writers use it where the connection is PostgreSQL's.
 */
public final class PostgresCopy {

    private PostgresCopy() {
    }

    /** Whether {@code connection} (or the pooled connection it wraps) is PostgreSQL's, so COPY can be used. */
    public static boolean supportedBy(Connection connection) throws SQLException {
        return connection.isWrapperFor(PGConnection.class);
    }

    /** Runs {@code copySql} with {@code csv} as its input, inside the connection's transaction. */
    public static void copyIn(Connection connection, String copySql, CharSequence csv) throws SQLException {
        try {
            connection.unwrap(PGConnection.class).getCopyAPI().copyIn(copySql, new StringReader(csv.toString()));
        } catch (IOException e) {
            throw new SQLException("COPY failed (" + copySql + "): " + e.getMessage(), e);
        }
    }

    /** Appends one row: text quoted with quotes doubled, null an empty unquoted field, the rest as SQL reads it. */
    public static void appendRow(StringBuilder csv, Object... values) {
        for (int i = 0; i < values.length; i++) {
            if (i > 0) {
                csv.append(',');
            }
            Object value = values[i];
            if (value instanceof String text) {
                csv.append('"').append(text.replace("\"", "\"\"")).append('"');
            } else if (value instanceof BigDecimal number) {
                csv.append(number.toPlainString());
            } else if (value instanceof Timestamp timestamp) {
                // As an instant with its zone: Timestamp's own text is local time, read in the session's zone.
                csv.append(timestamp.toInstant());
            } else if (value != null) {
                csv.append(value);
            }
        }
        csv.append('\n');
    }
}
