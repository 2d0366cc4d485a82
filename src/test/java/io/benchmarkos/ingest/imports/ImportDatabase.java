package io.benchmarkos.ingest.imports;

import io.benchmarkos.ingest.app.ConfigLoader;
import io.benchmarkos.ingest.support.SqlCount;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;

/** An H2 file database of a test's own with the importer the CLI uses, and queries over what it stored. */
final class ImportDatabase implements AutoCloseable {

    private final Path dir;
    private final StandaloneImport standalone;

    private ImportDatabase(Path dir, StandaloneImport standalone) {
        this.dir = dir;
        this.standalone = standalone;
    }

    static ImportDatabase open() {
        Path dir = TestArchives.newDir();
        Properties config = ConfigLoader.load("test");
        config.setProperty("benchmarkos.data-dir", dir.toString());
        config.setProperty("db.url", "jdbc:h2:file:" + dir.toAbsolutePath().resolve("db") + ";DB_CLOSE_ON_EXIT=FALSE");
        return new ImportDatabase(dir, StandaloneImport.open(config));
    }

    Path dir() {
        return dir;
    }

    ArchiveImporter importer() {
        return standalone.importer();
    }

    long count(String sql, Object... params) throws SQLException {
        return SqlCount.of(standalone.dataSource(), sql, params);
    }

    /** Every stored fact row of a company, one line each in a fixed order: equal lists are equal stored facts. */
    List<String> factRows(long cik) throws SQLException {
        List<String> rows = new ArrayList<>();
        try (Connection c = standalone.dataSource().getConnection(); PreparedStatement s = c.prepareStatement(
                "SELECT concept_id, unit, period_end, period_start, val, accession, fy, fp, form, filed, frame,"
                        + " filings, last_filed, repeated_in FROM fact WHERE cik = ?"
                        + " ORDER BY concept_id, unit, period_end, period_start NULLS FIRST, val")) {
            s.setLong(1, cik);
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    StringBuilder row = new StringBuilder();
                    for (int i = 1; i <= 14; i++) {
                        row.append(rs.getObject(i)).append('|');
                    }
                    rows.add(row.toString());
                }
            }
        }
        return rows;
    }

    @Override
    public void close() {
        standalone.close();
    }
}
