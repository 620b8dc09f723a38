package io.duckpond.query.input;

import io.duckpond.query.session.QuerySession;
import io.duckpond.tinyfs.fs.FileSystemView;
import io.duckpond.tinyfs.fs.GlobMatch;
import io.duckpond.tinyfs.fs.Hidden;
import io.duckpond.tinyfs.fs.Node;
import io.duckpond.tinyfs.glob.Glob;
import io.duckpond.tinyfs.node.FileVersion;
import java.sql.Statement;
import java.util.List;
import java.util.Optional;
import org.duckdb.DuckDBAppender;
import org.duckdb.DuckDBConnection;

/**
 * The pond's own metadata as tables a query can join: {@code pond.nodes} (every path), {@code pond.versions} (every
 * stored version of every file) and {@code pond.transactions} (the control records).
 */
public final class PondMetadata {
    private PondMetadata() {}

    /** One control record, as the transactions table holds it. */
    public record Transaction(Optional<Long> txnSeq, List<String> command, String outcome, String user, String host,
            long startedMicros, long endedMicros, Optional<String> message) {}

    /** Loads all three tables: the whole tree is walked, so this is for metadata questions, not hot paths. */
    public static QuerySession.TableLoad tables(FileSystemView view, List<Transaction> transactions) {
        return connection -> {
            try (Statement s = connection.createStatement()) {
                s.execute("CREATE SCHEMA pond");
                s.execute("CREATE TABLE pond.nodes (path VARCHAR, name VARCHAR, type VARCHAR, node_id VARCHAR, "
                        + "parent_id VARCHAR, version BIGINT, txn_seq BIGINT, size BIGINT, sha256 VARCHAR, "
                        + "modified TIMESTAMPTZ)");
                s.execute("CREATE TABLE pond.versions (path VARCHAR, node_id VARCHAR, type VARCHAR, version BIGINT, "
                        + "txn_seq BIGINT, written TIMESTAMPTZ, size BIGINT, sha256 VARCHAR, "
                        + "min_event_time TIMESTAMPTZ, max_event_time TIMESTAMPTZ)");
                s.execute("CREATE TABLE pond.transactions (txn_seq BIGINT, command VARCHAR[], outcome VARCHAR, "
                        + "\"user\" VARCHAR, host VARCHAR, started TIMESTAMPTZ, ended TIMESTAMPTZ, message VARCHAR)");
            }
            DuckDBConnection duck = connection.unwrap(DuckDBConnection.class);
            List<GlobMatch> all = view.glob(Glob.parse("/**"), Hidden.INCLUDE);
            try (DuckDBAppender nodes = duck.createAppender("pond", "nodes");
                    DuckDBAppender versions = duck.createAppender("pond", "versions")) {
                for (GlobMatch match : all) {
                    Node node = match.node();
                    nodes.beginRow().append(node.path().toString()).append(node.name()).append(node.type().label())
                            .append(node.id().value()).append(node.parent().value());
                    if (node.entry().latest().isPresent()) {
                        var s = node.entry().latest().get();
                        nodes.append(s.version()).append(s.txnSeq()).append(s.size()).append(s.sha256())
                                .appendEpochMicros(s.modifiedMicros());
                    } else {
                        nodes.appendNull().appendNull().appendNull().appendNull().appendNull();
                    }
                    nodes.endRow();
                    if (!node.isDirectory()) {
                        for (FileVersion v : view.versions(node)) {
                            versions.beginRow().append(node.path().toString()).append(v.node().value())
                                    .append(v.type().label()).append(v.version()).append(v.txnSeq())
                                    .appendEpochMicros(v.timestampMicros()).append(v.size()).append(v.sha256());
                            if (v.eventTime().isPresent()) {
                                versions.appendEpochMicros(v.eventTime().get().minMicros())
                                        .appendEpochMicros(v.eventTime().get().maxMicros());
                            } else {
                                versions.appendNull().appendNull();
                            }
                            versions.endRow();
                        }
                    }
                }
            }
            try (DuckDBAppender rows = duck.createAppender("pond", "transactions")) {
                for (Transaction t : transactions) {
                    rows.beginRow();
                    if (t.txnSeq().isPresent()) {
                        rows.append(t.txnSeq().get());
                    } else {
                        rows.appendNull();
                    }
                    rows.append(t.command()).append(t.outcome()).append(t.user()).append(t.host())
                            .appendEpochMicros(t.startedMicros()).appendEpochMicros(t.endedMicros());
                    if (t.message().isPresent()) {
                        rows.append(t.message().get());
                    } else {
                        rows.appendNull();
                    }
                    rows.endRow();
                }
            }
        };
    }

    /** Whether the SQL mentions the metadata tables at all (loading them walks the whole tree). */
    public static boolean mentioned(String sql) {
        return sql.toLowerCase(java.util.Locale.ROOT).contains("pond.");
    }

}
