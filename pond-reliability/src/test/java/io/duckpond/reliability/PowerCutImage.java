package io.duckpond.reliability;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

/**
 * The disk as it would be after the power went out: a copy of a directory keeping only what was durable. A name
 * given (created, renamed or linked) since its directory was last forced is lost; a directory made since its parent
 * was last forced is lost with everything in it; a file whose name survives but whose content was never forced comes
 * back empty. Everything that existed before recording began is durable. (Worst case of POSIX: ext4 often keeps more.)
 */
final class PowerCutImage {
    private PowerCutImage() {}

    static void take(Path live, Path image, RecordingDisk disk) {
        try {
            Files.createDirectories(image);
            List<Path> all;
            try (Stream<Path> walk = Files.walk(live)) {
                all = walk.sorted().toList();
            }
            for (Path p : all) {
                if (p.equals(live)) {
                    continue;
                }
                Path target = image.resolve(live.relativize(p).toString());
                if (!Files.exists(target.getParent())) {
                    continue;
                }
                Path key = p.toAbsolutePath().normalize();
                if (Files.isDirectory(p)) {
                    Long made = disk.directoryMade.get(key);
                    if (made == null || disk.nameDurable(key.getParent(), made)) {
                        Files.createDirectory(target);
                    }
                    continue;
                }
                Long named = disk.named.get(key);
                if (named != null && !disk.nameDurable(key.getParent(), named)) {
                    continue;
                }
                if (named != null && !disk.forced.getOrDefault(key, false)) {
                    Files.createFile(target);
                } else {
                    Files.copy(p, target);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
