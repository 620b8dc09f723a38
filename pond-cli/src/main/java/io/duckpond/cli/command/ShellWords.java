package io.duckpond.cli.command;

import io.duckpond.tinyfs.error.Errors;
import io.duckpond.tinyfs.error.Problem;
import java.util.ArrayList;
import java.util.List;

/**
 * A command line split into words as a POSIX shell would, for {@code pond apply}: single quotes keep everything,
 * double quotes keep everything but {@code \"} and {@code \\}, a backslash outside quotes escapes the next character.
 * Written here because it is twenty lines and the JDK has nothing for it; no variables, no wildcards, by design.
 */
final class ShellWords {
    private ShellWords() {}

    static List<String> split(String line, int lineNumber) {
        List<String> words = new ArrayList<>();
        StringBuilder word = null;
        char quote = 0;
        for (int i = 0; i < line.length(); i++) {
            char c = line.charAt(i);
            if (quote == '\'') {
                if (c == '\'') {
                    quote = 0;
                } else {
                    word.append(c);
                }
            } else if (quote == '"') {
                if (c == '"') {
                    quote = 0;
                } else if (c == '\\' && i + 1 < line.length() && (line.charAt(i + 1) == '"' || line.charAt(i + 1) == '\\')) {
                    word.append(line.charAt(++i));
                } else {
                    word.append(c);
                }
            } else if (Character.isWhitespace(c)) {
                if (word != null) {
                    words.add(word.toString());
                    word = null;
                }
            } else {
                if (word == null) {
                    word = new StringBuilder();
                }
                if (c == '\'' || c == '"') {
                    quote = c;
                } else if (c == '\\' && i + 1 < line.length()) {
                    word.append(line.charAt(++i));
                } else {
                    word.append(c);
                }
            }
        }
        if (quote != 0) {
            throw Errors.of(Problem.Kind.USAGE, "Unclosed quote", "line " + lineNumber, "close the " + quote);
        }
        if (word != null) {
            words.add(word.toString());
        }
        return words;
    }
}
