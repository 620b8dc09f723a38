package io.duckpond.query.session;

import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** DuckDB's error messages, cut to what a user needs: the line of the input at fault, and the reason. */
public final class DuckMessages {
    private DuckMessages() {}

    private static final Pattern LINE = Pattern.compile("(?:CSV Error on Line|line):? (\\d+)", Pattern.CASE_INSENSITIVE);

    /** The input line a reader error names, if any. */
    public static Optional<String> line(String message) {
        Matcher line = LINE.matcher(message);
        return line.find() ? Optional.of(line.group(1)) : Optional.empty();
    }

    /** The first line that says why, skipping the echo of the input and of the SQL. */
    public static String reason(String message) {
        List<String> lines = message.lines()
                .filter(l -> !l.isBlank() && !l.startsWith("Original Line") && !l.startsWith("LINE ")
                        && !l.contains("CSV Error on Line"))
                .map(String::trim).toList();
        String reason = lines.isEmpty() ? message.trim() : lines.get(0);
        if (reason.endsWith(":") && lines.size() > 1) {
            reason = reason + " " + lines.get(1);
        }
        return reason;
    }
}
