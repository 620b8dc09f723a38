package io.duckpond.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import io.duckpond.tlogfs.io.Json;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.TimeUnit;

/**
 * One crash trial: a fresh pond with committed work, a write command SIGKILLed at a random moment, then
 * {@code pond recover} and checks that every exit-0 transaction is intact and the killed one is wholly present or
 * wholly absent, and that the next write succeeds. Used by the default test run and by scripts/crash-soak.sh.
 */
final class CrashLoop {

    /** How a trial ended. */
    enum Outcome {
        /** The command finished before the kill. */
        FINISHED,
        /** Killed; its transaction had committed. */
        KILLED_PRESENT,
        /** Killed; nothing of it is in the pond. */
        KILLED_ABSENT
    }

    /** What the victim command is. */
    enum Victim { COPY, MKDIR, RM, MV, SERIES, MAINTAIN }

    private CrashLoop() {}

    static Outcome trial(Path dir, long seed) throws Exception {
        Random random = new Random(seed);
        PondRunner pond = new PondRunner(dir.resolve("pond"));
        Path inputs = Files.createDirectories(dir.resolve("inputs"));
        ok(pond.run("init"));
        Path small = Files.writeString(inputs.resolve("small.txt"), "committed " + seed);
        Path large = PondRunner.randomFile(inputs.resolve("large.bin"), 100_000 + random.nextInt(400_000), seed);
        ok(pond.run("mkdir", "-p", "/dirs/keep", "/moving"));
        ok(pond.run("copy", small.toString(), large.toString(), "/dirs/keep"));

        Victim victim = Victim.values()[random.nextInt(Victim.values().length)];
        Path series = Files.writeString(inputs.resolve("week1.csv"), "timestamp,flow\n2026-01-01 00:00:00,1.5\n");
        if (victim == Victim.SERIES) {
            ok(pond.run("copy", "host+csv+series://" + series, "/flow.series"));
        }
        List<Path> victimFiles = new ArrayList<>();
        String[] command;
        switch (victim) {
            case SERIES: {
                StringBuilder week = new StringBuilder("timestamp,flow,pressure\n");
                for (int i = 0; i < 5_000 + random.nextInt(20_000); i++) {
                    week.append("2026-01-08 00:00:00,").append(i % 97).append('.').append(i % 10).append(",1.0\n");
                }
                Path second = Files.writeString(inputs.resolve("week2.csv"), week);
                command = new String[] {"copy", "host+csv+series://" + second, "/flow.series"};
                break;
            }
            case MAINTAIN:
                command = new String[] {"maintain"};
                break;
            case COPY:
                victimFiles.add(Files.writeString(inputs.resolve("v-small.csv"), "t,v\n1,2\n" + seed));
                victimFiles.add(PondRunner.randomFile(inputs.resolve("v-large.bin"), 1_000_000 + random.nextInt(8_000_000),
                        seed + 1));
                victimFiles.add(PondRunner.randomFile(inputs.resolve("v-edge.bin"), 65_536, seed + 2));
                command = new String[] {"copy", victimFiles.get(0).toString(), victimFiles.get(1).toString(),
                    victimFiles.get(2).toString(), "/dirs"};
                break;
            case MKDIR:
                command = new String[] {"mkdir", "-p", "/new/a/b/c", "/new/d", "/other"};
                break;
            case RM:
                command = new String[] {"rm", "-r", "/dirs"};
                break;
            default:
                command = new String[] {"mv", "/dirs/keep", "/moving"};
        }
        Process process = pond.start(null, command);
        process.getOutputStream().close();
        // The JVM starts in about 0.25 s and a victim finishes in 0.3-0.8 s: kill anywhere from start-up to the end.
        boolean finished = process.waitFor(50 + random.nextInt(600), TimeUnit.MILLISECONDS);
        if (!finished) {
            process.destroyForcibly();
            process.waitFor();
        }
        boolean exitedZero = finished && process.exitValue() == 0;

        PondRunner.Result recover = pond.run("recover");
        assertThat(recover.exitCode()).as("recover after %s: %s", victim, recover).isZero();

        // The transactions that exited 0 before the victim are intact, byte for byte.
        Path out = Files.createDirectories(dir.resolve("out"));
        ok(pond.run("copy", "/**", "host://" + out));
        Path keep = out.resolve(victim == Victim.MV && Files.exists(out.resolve("moving/keep")) ? "moving/keep" : "dirs/keep");
        boolean keptRemoved = victim == Victim.RM && !Files.exists(out.resolve("dirs"));
        if (!keptRemoved) {
            assertThat(Files.readAllBytes(keep.resolve("small.txt"))).isEqualTo(Files.readAllBytes(small));
            assertThat(PondRunner.sha256(keep.resolve("large.bin"))).isEqualTo(PondRunner.sha256(large));
        }

        // The victim is wholly present or wholly absent.
        boolean present;
        switch (victim) {
            case COPY: {
                int found = 0;
                for (Path f : victimFiles) {
                    Path copied = out.resolve("dirs").resolve(f.getFileName().toString());
                    if (Files.exists(copied)) {
                        found++;
                        assertThat(PondRunner.sha256(copied)).isEqualTo(PondRunner.sha256(f));
                    }
                }
                assertThat(found).as("copied files of a killed copy").isIn(0, victimFiles.size());
                present = found == victimFiles.size();
                break;
            }
            case MKDIR: {
                List<String> dirs = pond.run("list", "/**").lines();
                List<String> made = List.of("/new", "/new/a", "/new/a/b", "/new/a/b/c", "/new/d", "/other");
                long found = made.stream().filter(dirs::contains).count();
                assertThat(found).as("directories of a killed mkdir: %s", dirs).isIn(0L, (long) made.size());
                present = found == made.size();
                break;
            }
            case RM:
                present = keptRemoved;
                break;
            case SERIES: {
                String versions = ok(pond.run("describe", "/flow.series", "--format", "jsonl")).out();
                int count = versions.split("\"version\":", -1).length - 1;
                assertThat(count).as("versions of a series whose append was killed").isIn(1, 2);
                present = count == 2;
                break;
            }
            case MAINTAIN:
                // Compaction changes no content: the checks above already hold; its transaction may or may not be there.
                present = ok(pond.run("log", "--format", "jsonl")).out().contains("\"maintain\"");
                break;
            default:
                present = Files.exists(out.resolve("moving/keep"));
                assertThat(Files.exists(out.resolve("dirs/keep"))).isNotEqualTo(present);
        }
        if (exitedZero) {
            assertThat(present).as("%s exited 0, so its transaction must be there", victim).isTrue();
        }

        // The log holds every committed transaction exactly once, numbered without gaps.
        List<Object> txns = new ArrayList<>();
        for (String line : ok(pond.run("log", "--format", "jsonl")).lines()) {
            txns.add(((Map<?, ?>) Json.parse(line)).get("txn"));
        }
        long expected = 3 + (victim == Victim.SERIES ? 1 : 0) + (present ? 1 : 0);
        assertThat(txns).as("log after %s", victim).hasSize((int) expected);
        for (int i = 0; i < expected; i++) {
            assertThat(txns.get(i)).isEqualTo(expected - 1 - i);
        }

        // And the pond takes the next write.
        ok(pond.run("mkdir", "/after-crash"));
        if (exitedZero) {
            return Outcome.FINISHED;
        }
        return present ? Outcome.KILLED_PRESENT : Outcome.KILLED_ABSENT;
    }

    static PondRunner.Result ok(PondRunner.Result result) {
        assertThat(result.exitCode()).as(result.toString()).isZero();
        return result;
    }

    static void deleteTree(Path root) throws IOException {
        if (!Files.exists(root)) {
            return;
        }
        try (var all = Files.walk(root)) {
            for (Path p : all.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }
}
