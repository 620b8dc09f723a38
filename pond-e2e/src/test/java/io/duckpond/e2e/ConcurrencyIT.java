package io.duckpond.e2e;

import static io.duckpond.e2e.CrashLoop.ok;
import static org.assertj.core.api.Assertions.assertThat;

import io.duckpond.tlogfs.io.Json;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Writers take turns through the lock; readers never lock, never fail, and never see half a transaction. */
class ConcurrencyIT {

    @TempDir
    Path dir;

    @Test
    void twoWritersAtOnceBothFinishOneAfterTheOther() throws Exception {
        PondRunner pond = new PondRunner(dir.resolve("pond"));
        ok(pond.run("init"));
        Path a = PondRunner.randomFile(dir.resolve("a.bin"), 20_000_000, 1);
        Path b = PondRunner.randomFile(dir.resolve("b.bin"), 20_000_000, 2);
        CompletableFuture<PondRunner.Result> first = CompletableFuture.supplyAsync(() -> pond.run("copy", a.toString(), "/"));
        CompletableFuture<PondRunner.Result> second = CompletableFuture.supplyAsync(() -> pond.run("copy", b.toString(), "/"));
        ok(first.get());
        ok(second.get());
        assertThat(pond.run("log", "--format", "jsonl").lines()).hasSize(3);
        Path out = Files.createDirectories(dir.resolve("out"));
        ok(pond.run("copy", "/*.bin", "host://" + out));
        assertThat(PondRunner.sha256(out.resolve("a.bin"))).isEqualTo(PondRunner.sha256(a));
        assertThat(PondRunner.sha256(out.resolve("b.bin"))).isEqualTo(PondRunner.sha256(b));
    }

    @Test
    void aWriterThatCannotWaitExitsSeventyFiveNamingTheHolder() throws Exception {
        PondRunner pond = new PondRunner(dir.resolve("pond"));
        ok(pond.run("init"));
        // The holder copies from a pipe we feed, so it holds the lock exactly as long as we decide.
        Process holder = pond.start(null, "copy", "-", "/streamed.bin");
        Path lock = pond.pond().resolve("lock");
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (!(Files.exists(lock) && Files.readString(lock).contains("copy - /streamed.bin"))) {
            assertThat(System.nanoTime()).as("the holder took the lock").isLessThan(deadline);
            Thread.sleep(20);
        }
        PondRunner.Result busy = pond.run("--wait", "0", "mkdir", "/x");
        assertThat(busy.exitCode()).isEqualTo(75);
        assertThat(busy.stderr()).contains("Pond is busy").contains("pid " + holder.pid())
                .contains("copy - /streamed.bin").contains("--wait SECONDS");
        PondRunner.Result waited = pond.run("--wait", "0.5", "mkdir", "/x");
        assertThat(waited.exitCode()).isEqualTo(75);
        assertThat(waited.stderr()).contains("waited 0.5 s");

        try (OutputStream in = holder.getOutputStream()) {
            in.write("streamed through a pipe".getBytes());
        }
        assertThat(holder.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(holder.exitValue()).isZero();
        ok(pond.run("mkdir", "/x"));
        assertThat(pond.run("cat", "/streamed.bin").out()).isEqualTo("streamed through a pipe");
        assertThat(pond.run("log", "--all", "--format", "jsonl").lines()).hasSize(3);
    }

    @Test
    @SuppressWarnings("unchecked")
    void readersDuringWritesNeverFailAndAlwaysSeeWholeTransactions() throws Exception {
        PondRunner pond = new PondRunner(dir.resolve("pond"));
        ok(pond.run("init"));
        ok(pond.run("mkdir", "/pair"));
        AtomicBoolean writing = new AtomicBoolean(true);
        CompletableFuture<Void> writer = CompletableFuture.runAsync(() -> {
            try {
                for (int round = 1; round <= 12; round++) {
                    Path left = Files.writeString(dir.resolve("left"), "round " + round + " left");
                    Path right = PondRunner.randomFile(dir.resolve("right"), 70_000 + round, round);
                    ok(pond.run("copy", left.toString(), right.toString(), "/pair"));
                }
            } catch (Exception e) {
                throw new IllegalStateException(e);
            } finally {
                writing.set(false);
            }
        });
        List<String> failures = new ArrayList<>();
        int reads = 0;
        while (writing.get()) {
            PondRunner.Result list = pond.run("list", "/pair/", "--format", "jsonl");
            reads++;
            if (list.exitCode() != 0) {
                failures.add(list.toString());
                continue;
            }
            List<Object> versions = new ArrayList<>();
            for (String line : list.lines()) {
                versions.add(((Map<String, Object>) Json.parse(line)).get("version"));
            }
            if (versions.size() == 1 || (versions.size() == 2 && !versions.get(0).equals(versions.get(1)))) {
                failures.add("half a transaction: " + list.out());
            }
            PondRunner.Result cat = pond.run("cat", "/pair/left");
            if (!versions.isEmpty() && (cat.exitCode() != 0 || !cat.out().startsWith("round "))) {
                failures.add(cat.toString());
            }
        }
        writer.get();
        assertThat(failures).isEmpty();
        assertThat(reads).isPositive();
        assertThat(pond.run("cat", "/pair/left").out()).isEqualTo("round 12 left");
    }
}
