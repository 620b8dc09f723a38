package io.duckpond.cli.content;

import io.duckpond.query.Queries;
import io.duckpond.query.input.SqlInput;
import io.duckpond.query.input.TimeWindow;
import io.duckpond.query.output.ResultFormat;
import io.duckpond.steward.Pond;
import io.duckpond.tinyfs.error.Errors;
import io.duckpond.tinyfs.fs.FileSystemView;
import io.duckpond.tinyfs.fs.Node;
import io.duckpond.tinyfs.node.EntryType;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;

/**
 * The bytes a file stands for when it leaves the pond: its latest version, except a series with several versions,
 * which leaves as one Parquet file of all its versions (unioned by column name).
 */
public final class Contents {
    private Contents() {}

    /** Streams the bytes of {@code node} to {@code out}; memory does not depend on the size. */
    public static void write(Pond pond, FileSystemView view, Node node, OutputStream out) throws IOException {
        if (node.isDirectory()) {
            throw Errors.isADirectory(node.path());
        }
        if (node.type() == EntryType.FILE_SERIES && view.versions(node).size() > 1) {
            try (QueryInputs inputs = new QueryInputs(pond, view)) {
                SqlInput source = inputs.pond("source", node.path().toString(), TimeWindow.ALL);
                Queries.export(pond.duck(), source, ResultFormat.PARQUET, out);
            }
            return;
        }
        try (InputStream in = view.open(view.latest(node))) {
            ByteCopy.copy(in, out);
        }
    }
}
