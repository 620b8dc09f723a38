package io.duckpond.bench;

import io.duckpond.steward.Pond;
import io.duckpond.steward.Written;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Sequential one-file transactions in process, each durable (data commit, control record, every fsync), as a
 * long-running ingester would make them: one measured operation is a batch of {@link #BATCH} commits into a new pond.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.SingleShotTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 1, batchSize = CommitBenchmark.BATCH)
@Measurement(iterations = 3, batchSize = CommitBenchmark.BATCH)
@Fork(1)
public class CommitBenchmark {
    static final int BATCH = 1000;

    /** Where the ponds go (a directory on the disk being measured, not tmpfs). */
    @Param("")
    public String work;

    private Path pondDir;
    private Pond pond;
    private int commits;

    @Setup(Level.Iteration)
    public void newPond() throws IOException {
        pondDir = Files.createTempDirectory(Files.createDirectories(Path.of(work)), "commits-");
        pond = PondWrites.create(pondDir.resolve("pond"), "/site");
        commits = 0;
    }

    @TearDown(Level.Iteration)
    public void closePond() throws IOException {
        pond.close();
        HostFiles.deleteTree(pondDir);
    }

    /** One transaction writing one small file (ten files rewritten in turn). */
    @Benchmark
    public Written<?> commitOneFile() {
        int i = commits++;
        return PondWrites.writeFile(pond, "/site/f" + (i % 10) + ".txt",
                ("reading " + i + "\n").getBytes(StandardCharsets.UTF_8));
    }
}
