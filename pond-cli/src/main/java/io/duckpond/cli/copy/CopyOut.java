package io.duckpond.cli.copy;

import io.duckpond.cli.content.Contents;
import io.duckpond.steward.Pond;
import io.duckpond.tinyfs.error.Errors;
import io.duckpond.tinyfs.error.Problem;
import io.duckpond.tinyfs.fs.FileSystemView;
import io.duckpond.tinyfs.fs.GlobMatch;
import io.duckpond.tinyfs.fs.Hidden;
import io.duckpond.tinyfs.fs.Links;
import io.duckpond.tinyfs.fs.Node;
import io.duckpond.tinyfs.glob.Glob;
import io.duckpond.tinyfs.path.PondPath;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Copies pond files out to a host directory, byte-exact, keeping the tree below each pattern's fixed prefix. Reads
 * only: the pond is not locked or changed. Nothing is written outside the destination, and existing host files are
 * kept unless forced; every check happens before the first byte is written.
 */
public final class CopyOut {

    /** Whether existing host files may be replaced. */
    public enum Overwrite {
        KEEP_EXISTING,
        REPLACE
    }

    private final Pond pond;
    private final FileSystemView view;

    public CopyOut(Pond pond) {
        this.pond = pond;
        this.view = pond.read();
    }

    /** Copies what {@code patterns} match into {@code destination}; returns the number of files written. */
    public int copy(List<String> patterns, Path destination, Overwrite overwrite) throws IOException {
        if (!Files.isDirectory(destination)) {
            throw Errors.of(Problem.Kind.NOT_FOUND, "No such host directory", destination.toString(),
                    "create it first; copy out never creates its destination");
        }
        Path root = destination.toRealPath();
        Map<Path, Node> plan = new LinkedHashMap<>();
        for (String pattern : patterns) {
            plan(pattern, root, plan);
        }
        for (Path target : plan.keySet()) {
            requireInside(root, target.getParent());
            if (Files.exists(target, java.nio.file.LinkOption.NOFOLLOW_LINKS) && overwrite == Overwrite.KEEP_EXISTING) {
                throw Errors.of(Problem.Kind.ALREADY_EXISTS, "Host file exists", target.toString(),
                        "use --force to replace it");
            }
        }
        for (Map.Entry<Path, Node> e : plan.entrySet()) {
            writeInside(root, e.getKey(), e.getValue());
        }
        return plan.size();
    }

    private void plan(String pattern, Path root, Map<Path, Node> plan) {
        boolean exists = view.exact(pattern).isPresent();
        Glob glob = exists ? null : Glob.parse(pattern);
        List<Node> matches = new ArrayList<>();
        PondPath base;
        if (exists || glob.isLiteral()) {
            PondPath path = PondPath.parse(pattern);
            // Seen at the path as named, even when a symlinked directory on the way resolved it elsewhere.
            matches.add(view.find(path, Links.NO_FOLLOW).map(n -> n.seenAt(path))
                    .orElseThrow(() -> Errors.notFound(path)));
            base = path.isRoot() ? path : path.parent();
        } else {
            for (GlobMatch m : view.glob(glob, Hidden.SKIP)) {
                matches.add(m.node());
            }
            if (matches.isEmpty()) {
                throw Errors.notFound(pattern + " (no match)");
            }
            base = glob.fixedPrefix();
        }
        for (Node node : matches) {
            collect(node, base, root, plan);
        }
    }

    /** Files below {@code node}, each mapped to its host path under {@code root} relative to {@code base}. */
    private void collect(Node node, PondPath base, Path root, Map<Path, Node> plan) {
        if (node.isDirectory()) {
            for (Node child : view.entries(node)) {
                collect(child, base, root, plan);
            }
            return;
        }
        Node file = node.type().isSymlink() ? view.resolve(node.path(), Links.FOLLOW) : node;
        if (file.isDirectory()) {
            return;
        }
        Path target = root;
        for (String segment : base.relativize(node.path())) {
            target = target.resolve(segment);
        }
        if (!target.normalize().startsWith(root)) {
            throw Errors.of(Problem.Kind.INVALID_INPUT, "Refusing to write outside the destination", target.toString(),
                    null);
        }
        Node earlier = plan.putIfAbsent(target, file);
        if (earlier != null && !earlier.id().equals(file.id())) {
            throw Errors.of(Problem.Kind.INVALID_INPUT, "Two pond files would land on one host file", target
                    + " (from " + node.path() + " and another match)", "copy them in separate commands or to separate "
                    + "directories");
        }
    }

    /**
     * Creates {@code directory} below {@code root} one level at a time, refusing any existing level that is not a plain
     * directory inside {@code root} (a host symlink leading elsewhere): nothing is made outside the destination.
     */
    private static void createInside(Path root, Path directory) throws IOException {
        requireInside(root, directory);
        Path current = root;
        for (Path part : root.relativize(directory)) {
            current = current.resolve(part.toString());
            if (!Files.exists(current)) {
                Files.createDirectory(current);
            } else if (!Files.isDirectory(current)) {
                throw Errors.notADirectory(current);
            }
        }
    }

    /** Throws if an existing level of {@code directory} below {@code root} is a symlink or resolves outside it. */
    private static void requireInside(Path root, Path directory) throws IOException {
        Path current = root;
        for (Path part : root.relativize(directory)) {
            current = current.resolve(part.toString());
            if (Files.isSymbolicLink(current) || (Files.exists(current) && !current.toRealPath().startsWith(root))) {
                throw Errors.of(Problem.Kind.INVALID_INPUT, "Refusing to write outside the destination",
                        current + " (a host symlink leads elsewhere)", null);
            }
        }
    }

    /** Writes to a temp name, then renames: a failure never leaves a half-written file under the real name. */
    private void writeInside(Path root, Path target, Node node) throws IOException {
        createInside(root, target.getParent());
        Path temporary = target.resolveSibling(".pond-" + UUID.randomUUID() + ".tmp");
        try {
            // A FileOutputStream, so stored content is copied by the kernel (see ByteCopy).
            Files.createFile(temporary);
            try (OutputStream out = new java.io.FileOutputStream(temporary.toFile())) {
                Contents.write(pond, view, node, out);
            }
            Files.move(temporary, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } finally {
            Files.deleteIfExists(temporary);
        }
    }
}
