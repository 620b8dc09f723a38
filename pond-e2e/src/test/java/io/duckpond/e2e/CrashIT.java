package io.duckpond.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.time.Instant;
import java.util.EnumMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * SIGKILL of pond copy, mkdir, rm and mv at random moments through the packaged launcher: each trial in its own temp
 * directory. The default run does 32 trials; scripts/crash-soak.sh runs hundreds (seeded, resumable, time-boxed)
 * through the same code with -Dcrash.trials, -Dcrash.seed, -Dcrash.minutes and -Dcrash.state.
 */
class CrashIT {

    @TempDir
    Path dir;

    @Test
    void killedWritersLeaveEveryTransactionWhollyPresentOrWhollyAbsent() throws Exception {
        int trials = Integer.getInteger("crash.trials", 32);
        long seed = Long.getLong("crash.seed", 20261128L);
        Duration budget = Duration.ofMinutes(Long.getLong("crash.minutes", 30));
        Path state = Path.of(System.getProperty("crash.state", dir.resolve("crash.state").toString()));
        int start = Files.exists(state) ? Files.readAllLines(state).size() : 0;
        Instant deadline = Instant.now().plus(budget);
        Map<CrashLoop.Outcome, Integer> outcomes = new EnumMap<>(CrashLoop.Outcome.class);
        int done = 0;
        for (int trial = start; trial < trials && Instant.now().isBefore(deadline); trial++) {
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
            Files.writeString(state, trial + " " + trialSeed + " " + outcome + "\n", StandardCharsets.UTF_8,
                    StandardOpenOption.CREATE, StandardOpenOption.APPEND);
            done++;
        }
        System.out.println("crash trials run: " + done + " (from " + start + "), outcomes: " + outcomes);
        if (Instant.now().isBefore(deadline)) {
            assertThat(start + done).as("trials finished").isEqualTo(trials);
        }
        assertThat(outcomes.getOrDefault(CrashLoop.Outcome.KILLED_PRESENT, 0)
                + outcomes.getOrDefault(CrashLoop.Outcome.KILLED_ABSENT, 0))
                .as("kills that interrupted a command").isPositive();
    }
}
