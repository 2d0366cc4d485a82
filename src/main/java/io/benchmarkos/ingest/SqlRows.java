package io.benchmarkos.ingest;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/** Query results as ordered maps for JSON answers: lower-case column names (H2 reports them upper-case). */
public final class SqlRows {

    private SqlRows() {
    }

    /** The text of the first column of the first row of a query with one number parameter (a CIK), if any. */
    public static Optional<String> firstText(DataSource dataSource, String sql, long parameter) throws SQLException {
        try (Connection c = dataSource.getConnection(); PreparedStatement s = c.prepareStatement(sql)) {
            s.setLong(1, parameter);
            try (ResultSet rs = s.executeQuery()) {
                return rs.next() ? Optional.ofNullable(rs.getString(1)) : Optional.empty();
            }
        }
    }

    /** Runs the query; timestamps come back as {@link java.time.Instant}. */
    public static List<Map<String, Object>> of(PreparedStatement statement) throws SQLException {
        List<Map<String, Object>> rows = new ArrayList<>();
        try (ResultSet rs = statement.executeQuery()) {
            ResultSetMetaData meta = rs.getMetaData();
            while (rs.next()) {
                Map<String, Object> row = new LinkedHashMap<>();
                for (int i = 1; i <= meta.getColumnCount(); i++) {
                    Object value = rs.getObject(i);
                    if (value instanceof Timestamp ts) {
                        value = ts.toInstant();
                    } else if (value instanceof OffsetDateTime odt) {
                        value = odt.toInstant();
                    }
                    row.put(meta.getColumnLabel(i).toLowerCase(Locale.ROOT), value);
                }
                rows.add(row);
            }
        }
        return rows;
    }
}
