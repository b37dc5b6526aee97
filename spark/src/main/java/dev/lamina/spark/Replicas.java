package dev.lamina.spark;

import dev.lamina.layers.Sequential;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.spark.broadcast.Broadcast;

/**
 * The model replicas an executor JVM trains with: one per concurrently running task of a {@code fit}, loaded from
 * the broadcast model bytes on the first round and reused by later rounds (each round overwrites weights and
 * optimizer state from its {@link Snapshot}). Replicas of the two most recent runs are kept; {@link #forget} drops a
 * finished run's.
 *
 * <pre>{@code
 * Sequential replica = Replicas.borrow(runId, modelBytes);
 * try { ... } finally { Replicas.giveBack(runId, replica); }
 * }</pre>
 */
final class Replicas {

    private static final Map<String, Deque<Sequential>> IDLE = new LinkedHashMap<>(4, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Deque<Sequential>> eldest) {
            return size() > 2;
        }
    };

    private Replicas() {
    }

    static Sequential borrow(String run, Broadcast<byte[]> model) {
        synchronized (IDLE) {
            Deque<Sequential> idle = IDLE.get(run);
            if (idle != null && !idle.isEmpty()) {
                return idle.pop();
            }
        }
        return ModelBytes.load(model.value());
    }

    static void giveBack(String run, Sequential replica) {
        synchronized (IDLE) {
            IDLE.computeIfAbsent(run, r -> new ArrayDeque<>()).push(replica);
        }
    }

    static void forget(String run) {
        synchronized (IDLE) {
            IDLE.remove(run);
        }
    }
}
