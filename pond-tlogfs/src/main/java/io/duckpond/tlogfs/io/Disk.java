package io.duckpond.tlogfs.io;

import java.io.IOException;

/** The one observer of the process's disk writes (tests install one; production has none). */
public final class Disk {
    private Disk() {}

    private static volatile DiskObserver observer = DiskObserver.NONE;

    public static DiskObserver observer() {
        return observer;
    }

    /** Installs {@code next} (tests only); returns the previous one. */
    public static DiskObserver observe(DiskObserver next) {
        DiskObserver previous = observer;
        observer = next == null ? DiskObserver.NONE : next;
        return previous;
    }

    /** A named point of a write path: where tests inject failures and power cuts. */
    public static void reached(String point) throws IOException {
        observer.reached(point);
    }
}
