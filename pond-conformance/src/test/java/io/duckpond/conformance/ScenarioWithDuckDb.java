package io.duckpond.conformance;

import io.duckpond.tlogfs.duck.DuckSession;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;

/** A test class's own copy of the scenario pond, and a DuckDB session for pond's side of the comparison. */
abstract class ScenarioWithDuckDb {

    @TempDir
    static Path dir;

    static ScenarioPond scenario;
    static DuckSession duck;

    @BeforeAll
    static void makePond() {
        scenario = ScenarioPond.copyInto(dir);
        duck = DuckSession.open();
    }

    @AfterAll
    static void closeDuck() {
        duck.close();
    }
}
