package io.duckpond.tinyfs.path;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.duckpond.tinyfs.error.PondException;
import org.junit.jupiter.api.Test;

class PondPathTest {

    @Test
    void absolutePathsNormalizeDotsAndSlashes() {
        assertThat(PondPath.parse("/a//b/./c/").toString()).isEqualTo("/a/b/c");
        assertThat(PondPath.parse("/a/b/../c").toString()).isEqualTo("/a/c");
        assertThat(PondPath.parse("/").isRoot()).isTrue();
    }

    @Test
    void dotDotAtTheRootStaysAtTheRoot() {
        assertThat(PondPath.parse("/../../x").toString()).isEqualTo("/x");
    }

    @Test
    void relativePathsResolveAgainstTheWorkingDirectory() {
        PondPath cwd = PondPath.parse("/sensors/site1");
        assertThat(cwd.resolve("temp.csv").toString()).isEqualTo("/sensors/site1/temp.csv");
        assertThat(cwd.resolve("../site2/./flow.csv").toString()).isEqualTo("/sensors/site2/flow.csv");
        assertThat(cwd.resolve("/abs").toString()).isEqualTo("/abs");
        assertThat(cwd.resolve(".").toString()).isEqualTo("/sensors/site1");
    }

    @Test
    void parentNameAndContainment() {
        PondPath p = PondPath.parse("/a/b/c");
        assertThat(p.name()).isEqualTo("c");
        assertThat(p.parent().toString()).isEqualTo("/a/b");
        assertThat(PondPath.ROOT.parent()).isEqualTo(PondPath.ROOT);
        assertThat(PondPath.parse("/a").contains(p)).isTrue();
        assertThat(PondPath.parse("/a/bb").contains(p)).isFalse();
        assertThat(PondPath.parse("/a").relativize(p)).containsExactly("b", "c");
    }

    @Test
    void namesWithNulOrTooLongAreRefusedWithTheReason() {
        assertThatThrownBy(() -> PondPath.parse("/a\0b"))
                .isInstanceOf(PondException.class)
                .hasMessageContaining("NUL");
        assertThatThrownBy(() -> PondPath.ROOT.child("x".repeat(10_000)))
                .isInstanceOf(PondException.class)
                .hasMessageContaining("at most 255 bytes")
                .hasMessageContaining("10000 characters");
        assertThatThrownBy(() -> PondPath.ROOT.child("a/b")).hasMessageContaining("cannot contain '/'");
        assertThatThrownBy(() -> PondPath.ROOT.child("..")).hasMessageContaining("reserved");
    }

    @Test
    void pathsSortSegmentBySegment() {
        assertThat(PondPath.parse("/a/b").compareTo(PondPath.parse("/a.b"))).isLessThan(0);
        assertThat(PondPath.parse("/a").compareTo(PondPath.parse("/a/b"))).isLessThan(0);
    }
}
