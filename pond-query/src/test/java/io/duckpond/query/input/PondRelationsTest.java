package io.duckpond.query.input;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.duckpond.query.TestPond;
import io.duckpond.tinyfs.fs.FileSystemView;
import io.duckpond.tinyfs.fs.Links;
import io.duckpond.tinyfs.fs.Node;
import io.duckpond.tinyfs.path.PondPath;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PondRelationsTest {

    @TempDir
    Path dir;

    record Numeric(Instant ts, long value) {}

    record Textual(Instant ts, String value) {}

    private SqlInput input(TestPond t, String path, TimeWindow window) {
        FileSystemView view = t.pond.read();
        Node node = view.resolve(PondPath.parse(path), Links.FOLLOW);
        try (PondFiles files = new PondFiles(view, t.pond.data().store(), t.pond.layout().cache())) {
            return new PondRelations(files, t.pond.duck()).input("source", List.of(node), window, Optional.empty());
        }
    }

    @Test
    void versionsThatDisagreeOnAColumnsTypeAreRefusedNamingTheColumn() {
        try (TestPond t = new TestPond(dir, Long.MAX_VALUE)) {
            PondPath s = PondPath.parse("/s.series");
            t.write(tx -> t.tables.appendSeries(tx, s, Numeric.class,
                    List.of(new Numeric(Instant.parse("2026-01-01T00:00:00Z"), 1)), Optional.empty()));
            t.write(tx -> t.tables.appendSeries(tx, s, Textual.class,
                    List.of(new Textual(Instant.parse("2026-02-01T00:00:00Z"), "high")), Optional.empty()));
            assertThatThrownBy(() -> input(t, "/s.series", TimeWindow.ALL))
                    .hasMessageContaining("Versions do not agree")
                    .hasMessageContaining("column 'value' is BIGINT")
                    .hasMessageContaining("but VARCHAR");
            // A window that reads only one of them needs no agreement.
            TimeWindow january = TimeWindow.parse(Optional.empty(), Optional.of("2026-01-31"), ZoneOffset.UTC);
            assertThat(input(t, "/s.series", january).versionsRead()).isEqualTo(1);
        }
    }

    @Test
    void aWindowThatMissesEveryVersionReadsNoneButKeepsTheColumns() {
        try (TestPond t = new TestPond(dir, Long.MAX_VALUE)) {
            PondPath s = PondPath.parse("/s.series");
            t.write(tx -> t.tables.appendSeries(tx, s, Numeric.class,
                    List.of(new Numeric(Instant.parse("2026-01-01T00:00:00Z"), 1)), Optional.empty()));
            TimeWindow later = TimeWindow.parse(Optional.of("2027-01-01"), Optional.empty(), ZoneOffset.UTC);
            SqlInput input = input(t, "/s.series", later);
            assertThat(input.relation()).contains("WHERE false");
        }
    }

    @Test
    void dataFilesAreNotTablesAndSayHowToReadThem() throws Exception {
        try (TestPond t = new TestPond(dir, Long.MAX_VALUE)) {
            t.write(tx -> {
                try {
                    return tx.write(PondPath.parse("/notes.csv"), io.duckpond.tinyfs.node.EntryType.FILE_DATA,
                            tx.stage(new java.io.ByteArrayInputStream("a\n1\n".getBytes())), Optional.empty(),
                            java.util.Map.of());
                } catch (java.io.IOException e) {
                    throw new java.io.UncheckedIOException(e);
                }
            });
            assertThatThrownBy(() -> input(t, "/notes.csv", TimeWindow.ALL))
                    .hasMessage("Not a table: /notes.csv is file:data (query a table or series, or read data through "
                            + "a format: csv:///notes.csv)");
        }
    }

    @Test
    void timeBoundsAreInclusiveAndAcceptEpochMillisAndIsoForms() {
        TimeWindow w = TimeWindow.parse(Optional.of("1767225600000"), Optional.of("2026-01-01T01:00:00+01:00"),
                ZoneOffset.UTC);
        assertThat(w.startMicros()).contains(1_767_225_600_000_000L);
        assertThat(w.endMicros()).contains(1_767_225_600_000_000L);
        assertThat(TimeWindow.parse(Optional.of("2026-01-01"), Optional.empty(), java.time.ZoneId.of("Europe/Oslo"))
                .startMicros()).contains(1_767_222_000_000_000L);
        assertThatThrownBy(() -> TimeWindow.parse(Optional.of("yesterday"), Optional.empty(), ZoneOffset.UTC))
                .hasMessageContaining("Invalid time").hasMessageContaining("ISO-8601");
        assertThatThrownBy(() -> TimeWindow.parse(Optional.of("2026-02-01"), Optional.of("2026-01-01"), ZoneOffset.UTC))
                .hasMessageContaining("--time-start is after --time-end");
    }
}
