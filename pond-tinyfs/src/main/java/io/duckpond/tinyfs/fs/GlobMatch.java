package io.duckpond.tinyfs.fs;

import java.util.List;

/** A node matched by a glob, with the text each wildcard matched ({@code **} as the directories it spanned). */
public record GlobMatch(Node node, List<String> captures) {
    public GlobMatch {
        captures = List.copyOf(captures);
    }
}
