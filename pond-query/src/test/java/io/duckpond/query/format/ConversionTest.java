package io.duckpond.query.format;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.duckpond.tinyfs.error.PondException;
import io.duckpond.tlogfs.duck.DuckSession;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ConversionTest {

    @TempDir
    Path dir;

    private final DuckSession duck = DuckSession.open();
    private final Conversion conversion = new Conversion(duck);

    @AfterEach
    void close() {
        duck.close();
    }

    private Conversion.Converted csv(String name, String text) throws Exception {
        return convert(Files.writeString(dir.resolve(name), text), SourceFormat.CSV, SourceFormat.Compression.NONE,
                ZoneOffset.UTC);
    }

    private Conversion.Converted convert(Path file, SourceFormat format, SourceFormat.Compression compression,
            ZoneId zone) {
        return conversion.toParquet(file, file.getFileName().toString(), format, compression, Optional.empty(), zone,
                dir.resolve(file.getFileName() + ".parquet"));
    }

    private List<String> rows(String name, String select) throws Exception {
        return duck.query(select.replace("$", "read_parquet(" + DuckSession.literal(dir.resolve(name + ".parquet")
                .toString()) + ")"), r -> r.getString(1));
    }

    @Test
    void aValueThatDoesNotFitTheSampledTypeTurnsItsColumnToTextAndNoRowIsLost() throws Exception {
        StringBuilder text = new StringBuilder("ts,value,code\n");
        for (int i = 0; i < 30_000; i++) {
            text.append("2026-01-01 00:").append(String.format("%02d", i % 60)).append(":00,").append(i).append(',')
                    .append(i).append('\n');
        }
        text.append("2026-01-02 00:00:00,12.5,X17\n");
        Conversion.Converted converted = csv("late.csv", text.toString());
        assertThat(converted.rows()).isEqualTo(30_001);
        assertThat(converted.columns()).containsEntry("code", "VARCHAR").containsEntry("value", "VARCHAR");
        assertThat(rows("late.csv", "SELECT code FROM $ WHERE ts = TIMESTAMPTZ '2026-01-02 00:00:00+00'"))
                .containsExactly("X17");
    }

    @Test
    void aRowWithTheWrongNumberOfFieldsFailsWithFileLineAndReason() throws Exception {
        assertThatThrownBy(() -> csv("bad.csv", "a,b\n1,2\n3,4,5\n6,7\n"))
                .isInstanceOf(PondException.class)
                .hasMessageStartingWith("Malformed CSV: bad.csv line 3: ")
                .hasMessageContaining("Expected Number of Columns: 2 Found: 3");
        assertThat(dir.resolve("bad.csv.parquet")).doesNotExist();
    }

    @Test
    void delimitersAndQuotedFieldsAreDetected() throws Exception {
        Conversion.Converted converted = csv("semi.csv",
                "time;name;\"quoted; field\"\n2026-01-01T00:00:00;x;\"a;b\"\n2026-01-01T01:00:00;y;\"c\"\"d\"\n");
        assertThat(converted.columns()).containsOnlyKeys("time", "name", "quoted; field");
        assertThat(rows("semi.csv", "SELECT \"quoted; field\" FROM $ ORDER BY time")).containsExactly("a;b", "c\"d");
    }

    @Test
    void timestampsWithoutAZoneAreUtcUnlessAZoneIsGiven() throws Exception {
        Path file = Files.writeString(dir.resolve("local.csv"), "ts,v\n2026-06-01 12:00:00,1\n");
        convert(file, SourceFormat.CSV, SourceFormat.Compression.NONE, ZoneOffset.UTC);
        assertThat(rows("local.csv", "SELECT epoch_ms(ts) FROM $")).containsExactly("1780315200000");
        convert(file, SourceFormat.CSV, SourceFormat.Compression.NONE, ZoneId.of("Europe/Oslo"));
        assertThat(rows("local.csv", "SELECT epoch_ms(ts) FROM $")).containsExactly("1780308000000");
        convert(file, SourceFormat.CSV, SourceFormat.Compression.NONE, ZoneOffset.ofHours(-5));
        assertThat(rows("local.csv", "SELECT epoch_ms(ts) FROM $")).containsExactly("1780333200000");
    }

    @Test
    void gzipAndZstdCompressedCsvConvert() throws Exception {
        Path gz = dir.resolve("t.csv.gz");
        try (OutputStream out = new GZIPOutputStream(Files.newOutputStream(gz))) {
            out.write("a,b\n1,x\n2,y\n".getBytes(StandardCharsets.UTF_8));
        }
        assertThat(convert(gz, SourceFormat.CSV, SourceFormat.Compression.GZIP, ZoneOffset.UTC).rows()).isEqualTo(2);
        Path plain = Files.writeString(dir.resolve("z.csv"), "a,b\n1,x\n2,y\n3,z\n");
        Path zst = dir.resolve("z.csv.zst");
        duck.execute("COPY (SELECT * FROM read_csv(" + DuckSession.literal(plain.toString()) + ")) TO "
                + DuckSession.literal(zst.toString()) + " (FORMAT csv, COMPRESSION zstd)");
        assertThat(convert(zst, SourceFormat.CSV, SourceFormat.Compression.ZSTD, ZoneOffset.UTC).rows()).isEqualTo(3);
    }

    @Test
    void jsonArraysAndNewlineDelimitedJsonConvert() throws Exception {
        Path array = Files.writeString(dir.resolve("a.json"), "[{\"ts\":\"2026-01-01T00:00:00Z\",\"v\":1},{\"ts\":"
                + "\"2026-01-01T01:00:00Z\",\"v\":2,\"extra\":\"x\"}]");
        assertThat(convert(array, SourceFormat.JSON, SourceFormat.Compression.NONE, ZoneOffset.UTC).columns())
                .containsKeys("ts", "v", "extra");
        Path lines = Files.writeString(dir.resolve("l.ndjson"), "{\"v\":1}\n{\"v\":2}\n{\"v\":3}\n");
        assertThat(convert(lines, SourceFormat.NDJSON, SourceFormat.Compression.NONE, ZoneOffset.UTC).rows()).isEqualTo(3);
        Path broken = Files.writeString(dir.resolve("broken.ndjson"), "{\"v\":1}\n{\"v\":\n");
        assertThatThrownBy(() -> convert(broken, SourceFormat.NDJSON, SourceFormat.Compression.NONE, ZoneOffset.UTC))
                .hasMessageStartingWith("Malformed NDJSON: broken.ndjson");
    }

    @Test
    void jsonIntegersAreNeverRoundedEither() throws Exception {
        StringBuilder text = new StringBuilder();
        for (int i = 0; i < 30_000; i++) {
            text.append("{\"a\":").append(i).append("}\n");
        }
        text.append("{\"a\":1.5}\n");
        Path file = Files.writeString(dir.resolve("late.ndjson"), text);
        Conversion.Converted converted = convert(file, SourceFormat.NDJSON, SourceFormat.Compression.NONE, ZoneOffset.UTC);
        assertThat(converted.rows()).isEqualTo(30_001);
        assertThat(converted.columns()).containsEntry("a", "VARCHAR");
        assertThat(rows("late.ndjson", "SELECT a FROM $ WHERE a LIKE '%.%'")).containsExactly("1.5");
    }

    @Test
    void outsideUtcValuesWithAnOffsetKeepItAndValuesWithoutTakeTheZone() throws Exception {
        Path file = Files.writeString(dir.resolve("mixed.csv"),
                "ts,v\n2026-01-01T00:00:00+00:00,1\n2026-01-01T00:00:00,2\n");
        convert(file, SourceFormat.CSV, SourceFormat.Compression.NONE, ZoneId.of("Asia/Kolkata"));
        assertThat(rows("mixed.csv", "SELECT epoch_ms(ts) FROM $ ORDER BY v"))
                .containsExactly("1767225600000", "1767205800000");
    }
}
