package io.benchmarkos.ingest.facts;

import org.flywaydb.core.api.migration.Context;

import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

/**
 * Flyway V42: drops the foreign key from {@code fact.concept_id} to {@code concept}.
 * <p>
 * Every fact row paid for it twice: a lookup of the concept on insert, and on H2 an index of its own on
 * {@code concept_id} whose inserts land all over the index (a document lists about a thousand concepts). Without
 * it the bench's insert limits rose by 40 % on H2 and 80 % on PostgreSQL. Nothing deletes concepts and only
 * {@link ConceptIds} makes them, so the reference guarded nothing the code does not already hold. The constraint
 * was created without a name, so it is looked up; a database without it (already migrated by hand) is left as it
 * is.
 * <p>
 * Limitation: a fact row written by hand with an unknown concept id is no longer refused; the facts API, which
 * joins the concept's name, would not list it.
 */
public final class DropFactConceptReference extends SchemaMigration {

    public DropFactConceptReference() {
        super("42", "drop the fact to concept foreign key");
    }

    @Override
    public void migrate(Context context) throws SQLException {
        Connection c = context.getConnection();
        try (Statement s = c.createStatement()) {
            for (String name : conceptReferences(c)) {
                s.execute("ALTER TABLE fact DROP CONSTRAINT " + c.getMetaData().getIdentifierQuoteString() + name
                        + c.getMetaData().getIdentifierQuoteString());
            }
        }
    }

    /** Names of fact's foreign keys to concept (H2 keeps names upper case, PostgreSQL lower case). */
    static List<String> conceptReferences(Connection c) throws SQLException {
        DatabaseMetaData meta = c.getMetaData();
        List<String> names = new ArrayList<>();
        for (String table : List.of("fact", "FACT")) {
            try (ResultSet keys = meta.getImportedKeys(null, c.getSchema(), table)) {
                while (keys.next()) {
                    if ("concept".equalsIgnoreCase(keys.getString("PKTABLE_NAME"))) {
                        names.add(keys.getString("FK_NAME"));
                    }
                }
            }
        }
        return names;
    }
}
