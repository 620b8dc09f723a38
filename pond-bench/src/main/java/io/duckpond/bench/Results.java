package io.duckpond.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** The suite's findings: each job's time against what bounds it, as printed and as a Markdown table. */
final class Results {

    /** One measured job. {@code goal} is the highest acceptable ratio. */
    record Row(String group, String job, double pondMillis, String baseline, double baselineMillis, double goal) {
        double ratio() {
            return pondMillis / baselineMillis;
        }

        boolean met() {
            return ratio() <= goal;
        }
    }

    /** An absolute figure held against a fixed ceiling (peak memory), where there is nothing to divide by. */
    record Ceiling(String group, String job, double value, String unit, double limit) {
        boolean met() {
            return value <= limit;
        }
    }

    private final List<Row> rows = new ArrayList<>();
    private final List<Ceiling> ceilings = new ArrayList<>();
    private final List<String> notes = new ArrayList<>();

    void add(Row row) {
        rows.add(row);
        System.out.printf("%-10s %-62s pond %9.1f ms  %-34s %9.1f ms  %5.2fx (goal <= %.1fx) %s%n", row.group(),
                row.job(), row.pondMillis(), row.baseline(), row.baselineMillis(), row.ratio(), row.goal(),
                row.met() ? "met" : "NOT MET");
    }

    void add(Ceiling ceiling) {
        ceilings.add(ceiling);
        System.out.printf("%-10s %-62s %9.1f %s (limit %.0f %s) %s%n", ceiling.group(), ceiling.job(), ceiling.value(),
                ceiling.unit(), ceiling.limit(), ceiling.unit(), ceiling.met() ? "met" : "NOT MET");
    }

    void note(String note) {
        notes.add(note);
        System.out.println("note: " + note);
    }

    void writeMarkdown(Path file, String machine) throws IOException {
        StringBuilder md = new StringBuilder("Machine: " + machine + "\n\n");
        md.append("| group | job | pond (ms) | compared with | baseline (ms) | ratio | goal | met |\n");
        md.append("|---|---|---:|---|---:|---:|---:|---|\n");
        for (Row r : rows) {
            md.append(String.format("| %s | %s | %.1f | %s | %.1f | %.2f× | ≤ %.1f× | %s |%n", r.group(), r.job(),
                    r.pondMillis(), r.baseline(), r.baselineMillis(), r.ratio(), r.goal(), r.met() ? "yes" : "**no**"));
        }
        if (!ceilings.isEmpty()) {
            md.append("\n| group | job | measured | limit | met |\n|---|---|---:|---:|---|\n");
            for (Ceiling c : ceilings) {
                md.append(String.format("| %s | %s | %.1f %s | ≤ %.0f %s | %s |%n", c.group(), c.job(), c.value(),
                        c.unit(), c.limit(), c.unit(), c.met() ? "yes" : "**no**"));
            }
        }
        if (!notes.isEmpty()) {
            md.append('\n');
            notes.forEach(n -> md.append("- ").append(n).append('\n'));
        }
        Files.createDirectories(file.getParent());
        Files.writeString(file, md.toString());
    }
}
