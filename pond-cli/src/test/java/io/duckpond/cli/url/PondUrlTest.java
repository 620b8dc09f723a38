package io.duckpond.cli.url;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.duckpond.tinyfs.error.PondException;
import io.duckpond.tinyfs.node.EntryType;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class PondUrlTest {

    @Test
    void hostWithoutSchemeIsAHostFile() {
        PondUrl url = PondUrl.parse("host:///data/x.bin").orElseThrow();
        assertThat(url.location()).isEqualTo(PondUrl.Location.HOST);
        assertThat(url.scheme()).isEqualTo(PondUrl.Scheme.FILE);
        assertThat(url.type()).isEmpty();
        assertThat(url.path()).isEqualTo("/data/x.bin");
    }

    @Test
    void schemeCompressionAndTypeAreReadInOrder() {
        PondUrl url = PondUrl.parse("host+csv+gzip+series:///in/t.csv.gz").orElseThrow();
        assertThat(url.scheme()).isEqualTo(PondUrl.Scheme.CSV);
        assertThat(url.compression()).contains(PondUrl.Compression.GZIP);
        assertThat(url.type()).contains(EntryType.FILE_SERIES);
        assertThat(PondUrl.parse("host+table:///t.parquet").orElseThrow().type()).contains(EntryType.FILE_TABLE);
        assertThat(PondUrl.parse("series:///s").orElseThrow().location()).isEqualTo(PondUrl.Location.POND);
    }

    @Test
    void plainPathsAreNotUrls() {
        assertThat(PondUrl.parse("/data/x.csv")).isEqualTo(Optional.empty());
        assertThat(PondUrl.parse("readings.csv")).isEmpty();
    }

    @Test
    void malformedUrlsSayWhatIsWrongAndHowToWriteOne() {
        assertThatThrownBy(() -> PondUrl.parse("host+xls:///a"))
                .isInstanceOf(PondException.class)
                .hasMessageContaining("unknown scheme 'xls'")
                .hasMessageContaining("[host+]SCHEME");
        assertThatThrownBy(() -> PondUrl.parse("host://relative/path")).hasMessageContaining("must be absolute");
        assertThatThrownBy(() -> PondUrl.parse("host+csv+table+x:///a")).hasMessageContaining("unexpected 'x'");
    }
}
