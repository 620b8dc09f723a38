package io.duckpond.tinyfs.error;

/** The one exception type that carries a user-facing {@link Problem}. Build it through {@link Errors}. */
public final class PondException extends RuntimeException {
    private final transient Problem problem;

    PondException(Problem problem, Throwable cause) {
        super(problem.message(), cause);
        this.problem = problem;
    }

    public Problem problem() {
        return problem;
    }

    public Problem.Kind kind() {
        return problem.kind();
    }
}
