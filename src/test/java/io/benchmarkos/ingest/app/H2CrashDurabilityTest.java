package io.benchmarkos.ingest.app;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The embedded database keeps what it committed across kill -9, run after run. Each child JVM opens the file the
 * previous one left by crashing, counts the commits it finds, commits a load, has a load rolled back, commits one
 * more row, idles (H2 does housekeeping in the background), and halts without closing. H2 2.5.252 reopened such a
 * file without the last run's commits (by the third or fourth run); this guards the H2 version in the pom.
 */
class H2CrashDurabilityTest {

    private static final int RUNS = 5;
    private static final long IDLE_MILLIS = 20_000;

    @TempDir
    Path dir;

    @Test
    void everyCommitSurvivesTheNextCrash() throws Exception {
        String url = "jdbc:h2:file:" + dir.resolve("crash") + ";DB_CLOSE_ON_EXIT=FALSE";
        for (int run = 1; run <= RUNS + 1; run++) {
            String output = child(url, run, run <= RUNS);
            assertThat(output).as("run %d found the commits of the runs before it", run)
                    .contains("found " + (run - 1) + " commits");
        }
    }

    private static String child(String url, int run, boolean write) throws IOException, InterruptedException {
        Process process = new ProcessBuilder(List.of(Path.of(System.getProperty("java.home"), "bin", "java")
                .toString(), "-Xmx256m", "-cp", System.getProperty("java.class.path"), Child.class.getName(), url,
                Integer.toString(run), Boolean.toString(write), Long.toString(IDLE_MILLIS)))
                .redirectErrorStream(true).start();
        assertThat(process.waitFor(2, TimeUnit.MINUTES)).as("run %d ended", run).isTrue();
        return new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    }

    /** One run in its own JVM: args url, run number, whether to write, idle millis before the halt. */
    public static final class Child {

        private Child() {
        }

        public static void main(String[] args) throws Exception {
            int run = Integer.parseInt(args[1]);
            Connection c = DriverManager.getConnection(args[0], "sa", "");
            try (Statement s = c.createStatement()) {
                s.execute("CREATE TABLE IF NOT EXISTS load_row (id INT PRIMARY KEY, val NUMERIC(38, 12),"
                        + " note VARCHAR(200))");
                s.execute("CREATE TABLE IF NOT EXISTS run_commit (run INT PRIMARY KEY)");
                try (ResultSet rs = s.executeQuery("SELECT COUNT(*) FROM run_commit")) {
                    rs.next();
                    System.out.println("found " + rs.getInt(1) + " commits");
                }
                if (Boolean.parseBoolean(args[2])) {
                    load(c, run * 100_000, false);
                    load(c, run * 100_000 + 50_000, true);
                    s.execute("INSERT INTO run_commit VALUES (" + run + ")");
                    System.out.flush();
                    Thread.sleep(Long.parseLong(args[3]));
                }
            }
            Runtime.getRuntime().halt(9);
        }

        /** 30,000 rows in one transaction; with {@code fail} the last value does not fit and it is rolled back. */
        private static void load(Connection c, int firstId, boolean fail) throws SQLException {
            c.setAutoCommit(false);
            try (PreparedStatement insert = c.prepareStatement("INSERT INTO load_row VALUES (?, ?, ?)")) {
                for (int i = 0; i < 30_000; i++) {
                    insert.setInt(1, firstId + i);
                    insert.setBigDecimal(2, fail && i == 29_999 ? new BigDecimal("1e30") : BigDecimal.valueOf(i));
                    insert.setString(3, "entry " + i + " of a company's facts, about as long as a real row");
                    insert.addBatch();
                    if (i % 2_000 == 1_999) {
                        insert.executeBatch();
                    }
                }
                insert.executeBatch();
                c.commit();
            } catch (SQLException e) {
                c.rollback();
            }
            c.setAutoCommit(true);
        }
    }
}
