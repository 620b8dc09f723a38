package io.duckpond.query;

import io.duckpond.query.arrow.PondTables;
import io.duckpond.steward.Invocation;
import io.duckpond.steward.Pond;
import io.duckpond.tinyfs.fs.Transaction;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.memory.RootAllocator;

/** A real pond on disk with the library API over it. */
public final class TestPond implements AutoCloseable {
    public final Pond pond;
    public final BufferAllocator allocator;
    public final PondTables tables;

    public TestPond(Path directory, long allocatorLimit) {
        this.pond = Pond.init(directory.resolve("pond"), Invocation.current(List.of("test", "init")), Optional.empty());
        this.allocator = new RootAllocator(allocatorLimit);
        this.tables = new PondTables(pond.duck(), allocator, pond.data().store(), pond.layout().cache());
    }

    public <T> T write(Function<Transaction, T> work) {
        return pond.write(Invocation.current(List.of("test", "write")), Duration.ZERO, work).result();
    }

    @Override
    public void close() {
        allocator.close();
        pond.close();
    }
}
