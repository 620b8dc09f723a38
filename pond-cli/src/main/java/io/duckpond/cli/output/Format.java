package io.duckpond.cli.output;

/** How a listing command prints: aligned text for people, JSON for programs. */
public enum Format {
    TABLE,
    JSON,
    JSONL;
}
