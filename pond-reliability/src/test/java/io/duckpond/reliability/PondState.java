package io.duckpond.reliability;

import io.duckpond.steward.Pond;
import io.duckpond.tinyfs.fs.FileSystemView;
import io.duckpond.tinyfs.fs.GlobMatch;
import io.duckpond.tinyfs.fs.Hidden;
import io.duckpond.tinyfs.glob.Glob;
import io.duckpond.tlogfs.store.LargeFileStore;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HexFormat;
import java.util.SortedMap;
import java.util.TreeMap;

/** What a pond holds, as a user sees it: every path, its type, and the SHA-256 of every file's bytes. */
final class PondState {
    private PondState() {}

    static SortedMap<String, String> of(Path pondDir) {
        if (!Files.exists(pondDir.resolve("data/_delta_log/00000000000000000000.json"))) {
            return new TreeMap<>(java.util.Map.of("", "no pond"));
        }
        try (Pond pond = Pond.open(pondDir)) {
            FileSystemView view = pond.read();
            SortedMap<String, String> out = new TreeMap<>();
            out.put("", "pond");
            for (GlobMatch m : view.glob(Glob.parse("/**"), Hidden.INCLUDE)) {
                String value = m.node().type().label();
                if (!m.node().isDirectory()) {
                    try (InputStream in = view.open(view.latest(m.node()))) {
                        var digest = LargeFileStore.sha256();
                        digest.update(in.readAllBytes());
                        value += " " + HexFormat.of().formatHex(digest.digest()) + " v"
                                + m.node().entry().summary().version();
                    } catch (IOException e) {
                        throw new UncheckedIOException(e);
                    }
                }
                out.put(m.node().path().toString(), value);
            }
            return out;
        }
    }
}
