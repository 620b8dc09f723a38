package io.duckpond.reliability;

import io.duckpond.tlogfs.io.DiskObserver;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A disk that remembers what was made durable. It records, for every file under one directory, the event that gave
 * it its name and whether its content was forced since, and when each directory was forced; and it can fail at the
 * n-th time a named point is reached, either with an I/O error or by cutting the power (taking the disk image first).
 */
final class RecordingDisk implements DiskObserver {

    /** What happens at the chosen point. */
    enum Mode { RECORD, FAIL, CUT }

    /** Thrown where the power goes out: an Error, so no catch block of the pond's mistakes it for a handled failure. */
    static final class PowerCut extends Error {
        PowerCut(String point) {
            super("power cut at " + point, null, false, false);
        }
    }

    private final Path root;
    private final Mode mode;
    private final String point;
    private final int hit;
    private final Runnable takeImage;
    private long clock;
    private int hits;
    final List<String> reached = new ArrayList<>();
    final Map<Path, Long> named = new HashMap<>();
    final Map<Path, Boolean> forced = new HashMap<>();
    final Map<Path, Long> directoryForced = new HashMap<>();
    final Map<Path, Long> directoryMade = new HashMap<>();
    private boolean fired;

    boolean fired() {
        return fired;
    }

    private RecordingDisk(Path root, Mode mode, String point, int hit, Runnable takeImage) {
        this.root = root.toAbsolutePath().normalize();
        this.mode = mode;
        this.point = point;
        this.hit = hit;
        this.takeImage = takeImage;
    }

    static RecordingDisk recording(Path root) {
        return new RecordingDisk(root, Mode.RECORD, null, 0, () -> {});
    }

    static RecordingDisk failing(Path root, String point, int hit) {
        return new RecordingDisk(root, Mode.FAIL, point, hit, () -> {});
    }

    static RecordingDisk cutting(Path root, String point, int hit, Runnable takeImage) {
        return new RecordingDisk(root, Mode.CUT, point, hit, takeImage);
    }

    /**
     * Continues from what {@code earlier} recorded under {@code earlierRoot}, as if it had happened under this disk's
     * root: so a power cut in a later command also loses what earlier commands failed to make durable.
     */
    synchronized RecordingDisk continuing(RecordingDisk earlier) {
        synchronized (earlier) {
            clock = earlier.clock;
            earlier.named.forEach((p, t) -> named.put(rebase(earlier, p), t));
            earlier.forced.forEach((p, f) -> forced.put(rebase(earlier, p), f));
            earlier.directoryForced.forEach((p, t) -> directoryForced.put(rebase(earlier, p), t));
            earlier.directoryMade.forEach((p, t) -> directoryMade.put(rebase(earlier, p), t));
        }
        return this;
    }

    /** A copy of what has been recorded so far (for a later trial to continue from). */
    synchronized RecordingDisk copy() {
        return new RecordingDisk(root, Mode.RECORD, null, 0, () -> {}).continuing(this);
    }

    private Path rebase(RecordingDisk earlier, Path p) {
        return root.resolve(earlier.root.relativize(p).toString());
    }

    private boolean mine(Path p) {
        return p.toAbsolutePath().normalize().startsWith(root);
    }

    private static Path key(Path p) {
        return p.toAbsolutePath().normalize();
    }

    @Override
    public synchronized void reached(String name) throws IOException {
        reached.add(name);
        if (mode == Mode.RECORD || fired || !name.equals(point) || ++hits != hit) {
            return;
        }
        fired = true;
        if (mode == Mode.FAIL) {
            throw new IOException("injected I/O error at " + name + " #" + hit);
        }
        takeImage.run();
        throw new PowerCut(name + " #" + hit);
    }

    @Override
    public synchronized void created(Path file) {
        if (mine(file)) {
            named.put(key(file), ++clock);
            forced.put(key(file), false);
        }
    }

    @Override
    public synchronized void forced(Path file) {
        if (mine(file)) {
            forced.put(key(file), true);
        }
    }

    @Override
    public synchronized void forcedDirectory(Path directory) {
        if (mine(directory)) {
            directoryForced.put(key(directory), ++clock);
        }
    }

    @Override
    public synchronized void madeDirectory(Path directory) {
        if (mine(directory)) {
            directoryMade.put(key(directory), ++clock);
        }
    }

    @Override
    public synchronized void renamed(Path from, Path to) {
        if (mine(to)) {
            named.put(key(to), ++clock);
            forced.put(key(to), forced.getOrDefault(key(from), true));
            named.remove(key(from));
        }
    }

    @Override
    public synchronized void linked(Path existing, Path link) {
        if (mine(link)) {
            named.put(key(link), ++clock);
            forced.put(key(link), forced.getOrDefault(key(existing), true));
        }
    }

    /** Whether a name given at {@code when} in {@code directory} survives a power cut now. */
    synchronized boolean nameDurable(Path directory, long when) {
        return directoryForced.getOrDefault(key(directory), -1L) > when;
    }
}
