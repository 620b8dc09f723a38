package io.duckpond.reliability;

import io.duckpond.tlogfs.io.Disk;
import io.duckpond.tlogfs.io.DiskObserver;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every write command of a mixed workload, interrupted at every write point it reaches, each time it reaches it:
 * once by an I/O error there, once by a power cut there (the disk keeping only what was forced). After each, the
 * invariants hold. The points are found by running the workload once while recording.
 */
class FaultCampaignTest {

    @TempDir
    static Path dir;

    static Workload workload;
    /** The pond just before each step. */
    static final List<Path> before = new ArrayList<>();
    /** The pond's state after each step (index 0: before the first). */
    static final List<SortedMap<String, String>> states = new ArrayList<>();
    /** The points each step reached, in order. */
    static final List<List<String>> points = new ArrayList<>();
    /** What the disk had recorded just before each step: a power cut also loses what earlier steps left unforced. */
    static final List<RecordingDisk> journals = new ArrayList<>();
    static final AtomicInteger trials = new AtomicInteger();

    @BeforeAll
    static void referenceRun() throws IOException {
        workload = new Workload(dir.resolve("inputs"));
        Path pond = dir.resolve("reference/pond");
        Files.createDirectories(pond.getParent());
        states.add(PondState.of(pond));
        RecordingDisk disk = RecordingDisk.recording(pond);
        for (int k = 0; k < workload.steps.size(); k++) {
            Path copy = dir.resolve("before-" + k + "/pond");
            copyTree(pond, copy);
            before.add(copy);
            journals.add(disk.copy());
            int from = disk.reached.size();
            Workload.Ran ran = runObserved(disk, pond, workload.steps.get(k));
            if (ran.exitCode() != 0) {
                throw new IllegalStateException(workload.steps.get(k) + " failed: " + ran.stderr());
            }
            points.add(List.copyOf(disk.reached.subList(from, disk.reached.size())));
            states.add(PondState.of(pond));
        }
    }

    @AfterAll
    static void report() {
        System.out.println("fault campaign: " + trials.get() + " trials over " + workload.steps.size() + " commands");
    }

    @TestFactory
    Stream<DynamicTest> everyWritePointOfEveryCommand() {
        List<DynamicTest> tests = new ArrayList<>();
        for (int k = 0; k < workload.steps.size(); k++) {
            Map<String, Integer> hits = new LinkedHashMap<>();
            for (String point : points.get(k)) {
                int hit = hits.merge(point, 1, Integer::sum);
                for (RecordingDisk.Mode mode : List.of(RecordingDisk.Mode.FAIL, RecordingDisk.Mode.CUT)) {
                    int step = k;
                    String name = String.join(" ", workload.steps.get(k)).replace(dir.toString(), "") + " | "
                            + point + " #" + hit + " | " + mode;
                    tests.add(DynamicTest.dynamicTest(name, () -> trial(step, point, hit, mode)));
                }
            }
        }
        return tests.stream();
    }

    private static void trial(int step, String point, int hit, RecordingDisk.Mode mode) throws IOException {
        int n = trials.incrementAndGet();
        Path trialDir = dir.resolve("trial-" + n);
        Path pond = trialDir.resolve("pond");
        copyTree(before.get(step), pond);
        Path image = trialDir.resolve("image");
        RecordingDisk[] holder = new RecordingDisk[1];
        RecordingDisk disk = (mode == RecordingDisk.Mode.FAIL ? RecordingDisk.failing(pond, point, hit)
                : RecordingDisk.cutting(pond, point, hit, () -> PowerCutImage.take(pond, image, holder[0])))
                .continuing(journals.get(step));
        holder[0] = disk;
        Workload.Ran ran = runObserved(disk, pond, workload.steps.get(step));
        Path underTest = mode == RecordingDisk.Mode.CUT ? image.resolve("pond") : pond;
        if (mode == RecordingDisk.Mode.CUT && !Files.exists(underTest)) {
            Files.createDirectories(underTest);
        }
        if (mode == RecordingDisk.Mode.CUT) {
            // The cut image holds a pond dir only if the pond dir existed then; move it where the checks expect it.
            Path imaged = image;
            if (Files.exists(imaged) && !Files.exists(imaged.resolve("pond/data"))) {
                copyTree(imaged, underTest);
            }
        }
        boolean exitedZero = mode == RecordingDisk.Mode.FAIL && ran.thrown() == null && ran.exitCode() == 0;
        Invariants.check(underTest, states.get(step), states.get(step + 1), exitedZero);
        deleteTree(trialDir);
    }

    static void copyTree(Path from, Path to) throws IOException {
        Files.createDirectories(to);
        if (!Files.exists(from)) {
            return;
        }
        try (Stream<Path> all = Files.walk(from)) {
            for (Path p : all.sorted().toList()) {
                Path target = to.resolve(from.relativize(p).toString());
                if (Files.isDirectory(p)) {
                    Files.createDirectories(target);
                } else {
                    Files.copy(p, target);
                }
            }
        }
    }

    /** Runs one command of the workload with {@code disk} seeing every write point, and nothing watching after. */
    private static Workload.Ran runObserved(DiskObserver disk, Path pond, List<String> step) {
        Disk.observe(disk);
        try {
            return Workload.run(pond, step);
        } finally {
            Disk.observe(null);
        }
    }

    static void deleteTree(Path root) {
        try (Stream<Path> all = Files.walk(root)) {
            for (Path p : all.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
