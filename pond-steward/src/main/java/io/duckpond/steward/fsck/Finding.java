package io.duckpond.steward.fsck;

/**
 * One problem {@code pond fsck} found.
 *
 * @param path   the file (or pond path) concerned
 * @param repair what {@code pond fsck --repair} can do about it
 */
public record Finding(String path, String problem, Repair repair) {

    /** Whether and how a finding can be repaired safely. */
    public enum Repair {
        /** Data is damaged or missing; only a copy of the pond can bring it back. */
        NONE("needs a backup"),
        /** What {@code pond recover} does: complete control records, remove leftovers. */
        RECOVER("repairable: pond recover"),
        /** A checkpoint is only an index of the commits: it is written again from them. */
        REBUILD_CHECKPOINT("repairable: rebuild the checkpoint");

        private final String label;

        Repair(String label) {
            this.label = label;
        }

        public String label() {
            return label;
        }
    }
}
