package io.duckpond.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.time.Instant;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * SIGKILL of pond copy (small and large files, series appends from CSV), mkdir, rm, mv and maintain (compaction and
 * checkpoint) at random moments through the packaged launcher: each trial in its own temp directory. The default run
 * goes on until 50 commands were killed mid-way (a trial whose command finished first does
 * not count); scripts/crash-soak.sh runs hundreds (seeded, resumable, time-boxed) through the same code with
 * -Dcrash.kills, -Dcrash.seed, -Dcrash.minutes and -Dcrash.state.
 */
class CrashIT {

    @TempDir
    Path dir;

    @Test
    void killedWritersLeaveEveryTransactionWhollyPresentOrWhollyAbsent() throws Exception {
        int kills = Integer.getInteger("crash.kills", 50);
        long seed = Long.getLong("crash.seed", 20261128L);
        Duration budget = Duration.ofMinutes(Long.getLong("crash.minutes", 30));
        Path state = Path.of(System.getProperty("crash.state", dir.resolve("crash.state").toString()));
        List<String> earlier = Files.exists(state) ? Files.readAllLines(state) : List.of();
        int start = earlier.size();
        long killed = earlier.stream().filter(l -> l.contains("KILLED")).count();
        Instant deadline = Instant.now().plus(budget);
        Map<CrashLoop.Outcome, Integer> outcomes = new EnumMap<>(CrashLoop.Outcome.class);
        int done = 0;
        for (int trial = start; killed < kills && trial < start + 4L * kills && Instant.now().isBefore(deadline); trial++) {
            Path trialDir = dir.resolve("trial-" + trial);
            long trialSeed = seed * 1_000_003L + trial;
            CrashLoop.Outcome outcome;
            try {
                outcome = CrashLoop.trial(Files.createDirectories(trialDir), trialSeed);
            } catch (AssertionError | Exception e) {
                Path kept = Path.of("target", "crash-failures", "trial-" + trial);
                CrashLoop.deleteTree(kept);
                Files.createDirectories(kept.getParent());
                Files.move(trialDir, kept);
                throw new AssertionError("crash trial " + trial + " (seed " + trialSeed + ") failed; its pond is kept in "
                        + kept.toAbsolutePath(), e);
            }
            CrashLoop.deleteTree(trialDir);
            outcomes.merge(outcome, 1, Integer::sum);
            if (outcome != CrashLoop.Outcome.FINISHED) {
                killed++;
            }
            Files.writeString(state, trial + " " + trialSeed + " " + outcome + "\n", StandardCharsets.UTF_8,
                    StandardOpenOption.CREATE, StandardOpenOption.APPEND);
            done++;
        }
        System.out.println("crash trials run: " + done + " (from " + start + "), kills in all: " + killed
                + ", outcomes of this run: " + outcomes);
        if (Instant.now().isBefore(deadline)) {
            assertThat(killed).as("commands killed mid-way").isGreaterThanOrEqualTo(kills);
        }
    }
}
