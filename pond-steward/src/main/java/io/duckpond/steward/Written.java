package io.duckpond.steward;

import java.util.List;
import java.util.Optional;

/**
 * What a write command produced.
 *
 * @param txnSeq   the transaction it committed; empty when there was nothing to change
 * @param warnings things the user should know although the command succeeded
 */
public record Written<T>(T result, Optional<Long> txnSeq, List<String> warnings) {
    public Written {
        warnings = List.copyOf(warnings);
    }
}
