package io.duckpond.tinyfs.glob;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.duckpond.tinyfs.path.PondPath;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

class GlobTest {

    private static Optional<List<String>> match(String pattern, String path) {
        return Glob.parse(pattern).match(PondPath.parse(path));
    }

    @Test
    void starMatchesWithinOneSegmentAndCapturesTheText() {
        assertThat(match("/data/*.csv", "/data/temp.csv")).contains(List.of("temp"));
        assertThat(match("/data/*.csv", "/data/sub/temp.csv")).isEmpty();
        assertThat(match("/data/*_*", "/data/a_b_c")).contains(List.of("a_b", "c"));
    }

    @Test
    void questionMarkAndClassesMatchOneCharacter() {
        assertThat(match("/s?/x", "/s1/x")).contains(List.of("1"));
        assertThat(match("/s[abc]", "/sb")).contains(List.of("b"));
        assertThat(match("/s[a-c]", "/sd")).isEmpty();
        assertThat(match("/s[!a-c]", "/sd")).contains(List.of("d"));
        assertThat(match("/s[]]", "/s]")).contains(List.of("]"));
    }

    @Test
    void doubleStarSpansAnyNumberOfDirectories() {
        assertThat(match("/a/**/x.csv", "/a/x.csv")).contains(List.of(""));
        assertThat(match("/a/**/x.csv", "/a/b/c/x.csv")).contains(List.of("b/c"));
        assertThat(match("/**", "/a/b")).contains(List.of("a/b"));
        assertThat(match("/a/**/*.csv", "/a/b/t.csv")).contains(List.of("b", "t"));
    }

    @Test
    void escapedWildcardsAreLiterals() {
        assertThat(Glob.parse("/a\\*b").isLiteral()).isTrue();
        assertThat(match("/a\\*b", "/a*b")).contains(List.of());
        assertThat(match("/a\\*b", "/axb")).isEmpty();
    }

    @Test
    void trailingSlashMeansTheEntriesOfTheDirectory() {
        assertThat(match("/dir/", "/dir/x")).contains(List.of("x"));
        assertThat(match("/dir/", "/dir")).isEmpty();
        assertThat(match("/", "/x")).contains(List.of("x"));
    }

    @Test
    void fixedPrefixStopsAtTheFirstWildcard() {
        assertThat(Glob.parse("/a/b/*/c").fixedPrefix().toString()).isEqualTo("/a/b");
        assertThat(Glob.parse("/a/b/c").literalPath()).contains(PondPath.parse("/a/b/c"));
        assertThat(Glob.parse("rel/*", PondPath.parse("/wd")).fixedPrefix().toString()).isEqualTo("/wd/rel");
    }

    @Test
    void malformedPatternsAreRefusedWithTheReason() {
        assertThatThrownBy(() -> Glob.parse("/a[bc")).hasMessageContaining("no closing ']'");
        assertThatThrownBy(() -> Glob.parse("/a\\")).hasMessageContaining("lone '\\'");
        assertThatThrownBy(() -> Glob.parse("/[z-a]")).hasMessageContaining("backwards");
        assertThatThrownBy(() -> Glob.parse("")).hasMessageContaining("empty");
    }

    @Test
    @Timeout(value = 60, unit = TimeUnit.SECONDS) // a hang guard, not a speed check: backtracking would take hours
    void pathologicalStarPatternsDoNotBacktrack() {
        String name = "a".repeat(250);
        for (int i = 0; i < 100; i++) {
            assertThat(match("/*a*a*a*a*a*a*a*a*a*a*b", "/" + name)).isEmpty();
        }
        assertThat(match("/*a*a*a*a*a*a*a*a*a*a*", "/" + name)).isPresent();
    }
}
