package io.duckpond.tinyfs.glob;

import io.duckpond.tinyfs.error.Errors;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.List;
import java.util.Optional;

/**
 * One segment of a glob, matched against one name: {@code *} (any run), {@code ?} (one character), {@code [abc]},
 * {@code [a-z]}, {@code [!x]}, and {@code \} to escape. Each wildcard captures the text it matched.
 *
 * <p>Written by hand rather than translated to {@link java.util.regex.Pattern}: a backtracking regex takes exponential
 * time on patterns like {@code *a*a*a*a*b}; this matcher is a table over (token, position), so the cost is at most
 * tokens × name length whatever the pattern.
 */
public final class NamePattern {
    private static final int MAX_TOKENS = 256;

    private sealed interface Token {}

    private record Literal(int codePoint) implements Token {}

    private record AnyOne() implements Token {}

    private record AnyRun() implements Token {}

    private record CharClass(List<int[]> ranges, boolean negated) implements Token {
        boolean matches(int c) {
            boolean in = ranges.stream().anyMatch(r -> c >= r[0] && c <= r[1]);
            return in != negated;
        }
    }

    private final String source;
    private final List<Token> tokens;

    private NamePattern(String source, List<Token> tokens) {
        this.source = source;
        this.tokens = tokens;
    }

    public static NamePattern compile(String segment, String wholePattern) {
        List<Token> tokens = new ArrayList<>();
        int[] cps = segment.codePoints().toArray();
        for (int i = 0; i < cps.length; i++) {
            int c = cps[i];
            if (c == '\\') {
                if (i + 1 >= cps.length) {
                    throw Errors.badGlob(wholePattern, "it ends with a lone '\\'");
                }
                tokens.add(new Literal(cps[++i]));
            } else if (c == '*') {
                if (tokens.isEmpty() || !(tokens.get(tokens.size() - 1) instanceof AnyRun)) {
                    tokens.add(new AnyRun());
                }
            } else if (c == '?') {
                tokens.add(new AnyOne());
            } else if (c == '[') {
                i = parseClass(cps, i, tokens, wholePattern);
            } else {
                tokens.add(new Literal(c));
            }
            if (tokens.size() > MAX_TOKENS) {
                throw Errors.badGlob(wholePattern, "a segment has more than " + MAX_TOKENS + " parts");
            }
        }
        return new NamePattern(segment, List.copyOf(tokens));
    }

    private static int parseClass(int[] cps, int open, List<Token> tokens, String wholePattern) {
        int i = open + 1;
        boolean negated = i < cps.length && (cps[i] == '!' || cps[i] == '^');
        if (negated) {
            i++;
        }
        List<int[]> ranges = new ArrayList<>();
        boolean first = true;
        while (i < cps.length && (cps[i] != ']' || first)) {
            int lo = cps[i];
            if (lo == '\\' && i + 1 < cps.length) {
                lo = cps[++i];
            }
            int hi = lo;
            if (i + 2 < cps.length && cps[i + 1] == '-' && cps[i + 2] != ']') {
                hi = cps[i + 2];
                i += 2;
            }
            if (hi < lo) {
                throw Errors.badGlob(wholePattern, "range " + new String(Character.toChars(lo)) + "-"
                        + new String(Character.toChars(hi)) + " is backwards");
            }
            ranges.add(new int[] {lo, hi});
            first = false;
            i++;
        }
        if (i >= cps.length) {
            throw Errors.badGlob(wholePattern, "'[' has no closing ']'");
        }
        tokens.add(new CharClass(List.copyOf(ranges), negated));
        return i;
    }

    /** Whether the segment asks for names starting with '.' itself (as shells do), so hidden names match it. */
    public boolean startsWithDot() {
        return !tokens.isEmpty() && tokens.get(0) instanceof Literal l && l.codePoint() == '.';
    }

    /** Whether the segment has any wildcard at all; a plain name is looked up instead of listed. */
    public boolean isLiteral() {
        return tokens.stream().allMatch(t -> t instanceof Literal);
    }

    /** The name a literal segment stands for, escapes removed. */
    String literalName() {
        StringBuilder out = new StringBuilder();
        for (Token t : tokens) {
            out.appendCodePoint(((Literal) t).codePoint());
        }
        return out.toString();
    }

    /** The captures of each wildcard, in order, if {@code name} matches; the leftmost {@code *} takes the longest run. */
    public Optional<List<String>> match(String name) {
        int[] cps = name.codePoints().toArray();
        int n = tokens.size();
        // possible[i] has bit j set when tokens i.. match cps j..
        BitSet[] possible = new BitSet[n + 1];
        possible[n] = new BitSet(cps.length + 1);
        possible[n].set(cps.length);
        for (int i = n - 1; i >= 0; i--) {
            BitSet next = possible[i + 1];
            BitSet here = new BitSet(cps.length + 1);
            Token t = tokens.get(i);
            if (t instanceof AnyRun) {
                boolean reachable = false;
                for (int j = cps.length; j >= 0; j--) {
                    reachable |= next.get(j);
                    if (reachable) {
                        here.set(j);
                    }
                }
            } else {
                for (int j = 0; j < cps.length; j++) {
                    if (next.get(j + 1) && single(t, cps[j])) {
                        here.set(j);
                    }
                }
            }
            possible[i] = here;
        }
        if (!possible[0].get(0)) {
            return Optional.empty();
        }
        List<String> captures = new ArrayList<>();
        int j = 0;
        for (int i = 0; i < n; i++) {
            Token t = tokens.get(i);
            if (t instanceof AnyRun) {
                int end = cps.length;
                while (!possible[i + 1].get(end)) {
                    end--;
                }
                captures.add(new String(cps, j, end - j));
                j = end;
            } else {
                if (!(t instanceof Literal)) {
                    captures.add(new String(cps, j, 1));
                }
                j++;
            }
        }
        return Optional.of(captures);
    }

    private static boolean single(Token t, int c) {
        if (t instanceof Literal literal) {
            return literal.codePoint() == c;
        }
        if (t instanceof AnyOne) {
            return true;
        }
        return ((CharClass) t).matches(c);
    }

    @Override
    public String toString() {
        return source;
    }
}
