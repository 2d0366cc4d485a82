package io.benchmarkos.ingest.facts;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Ids of (taxonomy, concept) pairs, cached for the life of the process. New concepts are inserted in their own
 * short transaction, so a rolled-back document never leaves the cache pointing at an id that does not exist.
 */
public class ConceptIds {

    private final DataSource dataSource;
    private final Map<String, Long> ids = new ConcurrentHashMap<>();

    public ConceptIds(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    public long idOf(String taxonomy, String name, String label) throws SQLException {
        String key = taxonomy + ':' + name;
        Long id = ids.get(key);
        if (id == null) {
            id = findOrInsert(taxonomy, name, label);
            ids.put(key, id);
        }
        return id;
    }

    private long findOrInsert(String taxonomy, String name, String label) throws SQLException {
        try (Connection c = dataSource.getConnection()) {
            Long found = find(c, taxonomy, name);
            if (found != null) {
                return found;
            }
            try (PreparedStatement s = c.prepareStatement(
                    "INSERT INTO concept (taxonomy, name, label) VALUES (?, ?, ?)")) {
                s.setString(1, taxonomy);
                s.setString(2, name);
                s.setString(3, label == null ? null : label.substring(0, Math.min(label.length(), 1000)));
                s.executeUpdate();
            } catch (SQLException raced) {
                // Another worker inserted it first; its row is as good as ours.
                Long other = find(c, taxonomy, name);
                if (other == null) {
                    throw raced;
                }
                return other;
            }
            return find(c, taxonomy, name);
        }
    }

    private static Long find(Connection c, String taxonomy, String name) throws SQLException {
        try (PreparedStatement s = c.prepareStatement("SELECT id FROM concept WHERE taxonomy = ? AND name = ?")) {
            s.setString(1, taxonomy);
            s.setString(2, name);
            try (ResultSet rs = s.executeQuery()) {
                return rs.next() ? rs.getLong(1) : null;
            }
        }
    }
}
