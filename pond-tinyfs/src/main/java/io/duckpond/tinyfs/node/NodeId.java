package io.duckpond.tinyfs.node;

import java.security.SecureRandom;
import java.util.UUID;
import java.util.regex.Pattern;

/** A node's identity: a UUID v7 string, time-ordered so that newer nodes sort after older ones. */
public record NodeId(String value) implements Comparable<NodeId> {

    private static final Pattern UUID_TEXT =
            Pattern.compile("[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}");
    private static final SecureRandom RANDOM = new SecureRandom();
    private static long lastMillis;
    private static long sequence;

    /** The root directory of every pond. */
    public static final NodeId ROOT = new NodeId("00000000-0000-7000-8000-000000000000");

    public NodeId {
        if (!UUID_TEXT.matcher(value).matches()) {
            throw new IllegalArgumentException("not a lower-case UUID: " + value);
        }
    }

    /** A fresh UUID v7 (RFC 9562): 48 bits of Unix milliseconds, then a counter and random bits. */
    public static NodeId generate() {
        long millis;
        long counter;
        synchronized (NodeId.class) {
            millis = Math.max(System.currentTimeMillis(), lastMillis);
            if (millis == lastMillis) {
                sequence++;
                if (sequence > 0xFFF) {
                    millis++;
                    sequence = 0;
                }
            } else {
                sequence = 0;
            }
            lastMillis = millis;
            counter = sequence;
        }
        // The 12-bit counter keeps ids made in the same millisecond in creation order.
        long high = (millis << 16) | 0x7000L | counter;
        long low = (RANDOM.nextLong() & 0x3FFFFFFFFFFFFFFFL) | 0x8000000000000000L;
        return new NodeId(new UUID(high, low).toString());
    }

    @Override
    public int compareTo(NodeId other) {
        return value.compareTo(other.value);
    }

    @Override
    public String toString() {
        return value;
    }
}
