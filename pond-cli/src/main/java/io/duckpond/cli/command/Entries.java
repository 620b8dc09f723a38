package io.duckpond.cli.command;

import io.duckpond.tinyfs.error.Errors;
import io.duckpond.tinyfs.fs.FileSystemView;
import io.duckpond.tinyfs.fs.GlobMatch;
import io.duckpond.tinyfs.fs.Hidden;
import io.duckpond.tinyfs.fs.Links;
import io.duckpond.tinyfs.fs.Node;
import io.duckpond.tinyfs.glob.Glob;
import io.duckpond.tinyfs.path.PondPath;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** What a path argument of {@code list} or {@code describe} names. */
final class Entries {
    private Entries() {}

    /** A node and the path to show for it (the path as the user reached it, symlinks unresolved). */
    record Shown(PondPath path, Node node) {}

    /**
     * A plain path to a directory names its entries (as {@code ls} does); a plain path to anything else names itself;
     * a pattern names its matches. Hidden names appear only with {@link Hidden#INCLUDE}.
     */
    static List<Shown> resolve(FileSystemView view, String pattern, Hidden hidden) {
        Optional<Node> exact = view.exact(pattern);
        Glob glob = exact.isPresent() ? null : Glob.parse(pattern);
        if (glob != null && !glob.isLiteral()) {
            return view.glob(glob, hidden).stream().map(Entries::shown).toList();
        }
        PondPath path = exact.isPresent() ? PondPath.parse(pattern) : glob.fixedPrefix();
        Node node = view.find(path, Links.FOLLOW).orElseThrow(() -> Errors.notFound(path));
        if (!node.isDirectory()) {
            return List.of(new Shown(path, exact.orElseGet(() -> view.find(path, Links.NO_FOLLOW).orElse(node))));
        }
        List<Shown> out = new ArrayList<>();
        for (Node child : view.entries(node)) {
            if (hidden == Hidden.INCLUDE || !child.entry().isHidden()) {
                out.add(new Shown(path.child(child.name()), child));
            }
        }
        return out;
    }

    private static Shown shown(GlobMatch match) {
        return new Shown(match.node().path(), match.node());
    }
}
