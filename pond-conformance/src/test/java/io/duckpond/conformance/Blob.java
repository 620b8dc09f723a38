package io.duckpond.conformance;

import java.util.Arrays;

/** A binary value compared by content, so rows holding one can be compared as values. */
record Blob(byte[] bytes) {

    @Override
    public boolean equals(Object other) {
        return other instanceof Blob b && Arrays.equals(bytes, b.bytes);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(bytes);
    }

    @Override
    public String toString() {
        return "Blob[" + bytes.length + " bytes, sha256 " + ScenarioPond.sha256(bytes).substring(0, 12) + "…]";
    }
}
