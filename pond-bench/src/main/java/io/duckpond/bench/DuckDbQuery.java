package io.duckpond.bench;

import java.io.BufferedOutputStream;
import java.io.PrintStream;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.Statement;
import java.util.Properties;

/**
 * The baseline process: a JVM that opens DuckDB and runs one query, printing CSV, started the same way as pond (same
 * jar, same native library, same flags). Args: SQL, or nothing for {@code SELECT 42} (the start-up floor).
 */
public final class DuckDbQuery {
    private DuckDbQuery() {}

    public static void main(String[] args) throws Exception {
        String sql = args.length == 0 ? "SELECT 42" : args[0];
        Properties p = new Properties();
        p.setProperty("autoinstall_known_extensions", "false");
        p.setProperty("autoload_known_extensions", "false");
        p.setProperty("jdbc_stream_results", "true");
        PrintStream out = new PrintStream(new BufferedOutputStream(System.out, 1 << 16), false);
        try (Connection c = DriverManager.getConnection("jdbc:duckdb:", p); Statement s = c.createStatement()) {
            s.execute("SET TimeZone = 'UTC'");
            s.execute("SET threads = 2");
            try (ResultSet r = s.executeQuery(sql)) {
                ResultSetMetaData m = r.getMetaData();
                while (r.next()) {
                    StringBuilder line = new StringBuilder();
                    for (int i = 1; i <= m.getColumnCount(); i++) {
                        line.append(i > 1 ? "," : "").append(r.getString(i));
                    }
                    out.println(line);
                }
            }
        }
        out.flush();
    }
}
