package io.duckpond.tlogfs.delta;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.duckpond.tlogfs.duck.DuckSession;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DeltaLogTest {

    @TempDir
    Path root;

    private DuckSession duck;
    private DeltaLog log;

    @BeforeEach
    void create() throws Exception {
        duck = DuckSession.open();
        log = new DeltaLog(root, duck);
        log.create(List.of(new Action.Protocol(1, 2), new Action.Metadata("id", "{\"type\":\"struct\",\"fields\":[]}",
                List.of(), Map.of(), 0)));
    }

    @AfterEach
    void close() {
        duck.close();
    }

    private static Action.AddFile add(String path) {
        return new Action.AddFile(path, Map.of(), 10, 0, true, Optional.empty());
    }

    private static Action.RemoveFile remove(String path) {
        return new Action.RemoveFile(path, System.currentTimeMillis(), false, Map.of(), 10);
    }

    /** Versions 1..3 add a, b, c; version 4 compacts them into d, leaving three tombstones; checkpoint at 4. */
    private void compactedAndCheckpointed() throws Exception {
        log.commit(1, List.of(add("a")));
        log.commit(2, List.of(add("b")));
        log.commit(3, List.of(add("c")));
        log.commit(4, List.of(remove("a"), remove("b"), remove("c"), add("d")));
        log.checkpoint(log.replayCommits(4));
    }

    private static List<String> paths(java.util.Collection<? extends Action> actions) {
        List<String> paths = new ArrayList<>();
        for (Action a : actions) {
            paths.add(a instanceof Action.AddFile add ? add.path() : ((Action.RemoveFile) a).path());
        }
        return paths;
    }

    @Test
    void readsSkipTheTombstonesOfTheCheckpointButSeeEveryLiveFile() throws Exception {
        compactedAndCheckpointed();
        log.commit(5, List.of(add("e")));

        DeltaSnapshot snapshot = log.snapshot();

        assertThat(paths(snapshot.files())).containsExactly("d", "e");
        assertThatThrownBy(snapshot::tombstones).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("skipped the tombstones");
    }

    @Test
    void aCheckpointWrittenFromSuchASnapshotStillCarriesEveryTombstone() throws Exception {
        compactedAndCheckpointed();
        log.commit(5, List.of(add("e"), remove("d")));

        log.checkpoint(log.snapshot());

        DeltaSnapshot checkpoint = log.readCheckpoint(5);
        assertThat(paths(checkpoint.files())).containsExactly("e");
        assertThat(paths(checkpoint.tombstones())).containsExactlyInAnyOrder("a", "b", "c", "d");
    }

    @Test
    void aCheckpointLeavesOutTombstonesPastTheirRetention() throws Exception {
        log.commit(1, List.of(add("old"), add("recent")));
        long now = System.currentTimeMillis();
        long eightDaysAgo = now - java.time.Duration.ofDays(8).toMillis();
        log.commit(2, List.of(new Action.RemoveFile("old", eightDaysAgo, false, Map.of(), 10),
                new Action.RemoveFile("recent", now, false, Map.of(), 10), add("compacted")));

        log.checkpoint(log.replayCommits(2));

        assertThat(paths(log.readCheckpoint(2).tombstones())).containsExactly("recent");
        assertThat(paths(log.readCheckpoint(2).files())).containsExactly("compacted");
    }

    @Test
    void tombstoneRetentionComesFromTheTableSettingElseAWeek() {
        assertThat(Checkpoints.tombstoneRetentionMillis(metadata("interval 2 days")))
                .isEqualTo(java.time.Duration.ofDays(2).toMillis());
        assertThat(Checkpoints.tombstoneRetentionMillis(metadata("interval 36 hours")))
                .isEqualTo(java.time.Duration.ofHours(36).toMillis());
        assertThat(Checkpoints.tombstoneRetentionMillis(metadata("soon"))).isEqualTo(Checkpoints
                .DEFAULT_TOMBSTONE_RETENTION.toMillis());
        assertThat(Checkpoints.tombstoneRetentionMillis(new Action.Metadata("id", "{}", List.of(), Map.of(), 0)))
                .isEqualTo(java.time.Duration.ofDays(7).toMillis());
    }

    private static Action.Metadata metadata(String retention) {
        return new Action.Metadata("id", "{}", List.of(), Map.of("delta.deletedFileRetentionDuration", retention), 0);
    }
}
