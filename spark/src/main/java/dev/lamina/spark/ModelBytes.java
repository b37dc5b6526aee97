package dev.lamina.spark;

import dev.lamina.layers.Sequential;
import dev.lamina.serialization.ModelFormatException;
import dev.lamina.serialization.ModelJson;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.spark.broadcast.Broadcast;
import org.nd4j.linalg.api.buffer.DataType;

/**
 * A model as the bytes Spark ships (Lamina's model file: architecture, weights, compile settings and optimizer
 * state, bit-exact), and the executor side's cache of models loaded from broadcast bytes: one load per executor
 * JVM and broadcast, shared by the tasks of that JVM (Lamina's {@code predict} is thread-safe).
 *
 * <pre>{@code
 * Broadcast<byte[]> shipped = context.broadcast(ModelBytes.of(model));
 * Sequential onExecutor = ModelBytes.shared(shipped);     // in a task
 * }</pre>
 */
final class ModelBytes {

    /** Models loaded in this JVM by broadcast id; a few only, the oldest dropped first. */
    private static final Map<Long, Sequential> LOADED = new LinkedHashMap<>(8, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<Long, Sequential> eldest) {
            return size() > 4;
        }
    };

    private static final java.util.concurrent.atomic.AtomicLong LOADS = new java.util.concurrent.atomic.AtomicLong();

    private ModelBytes() {
    }

    /** The model file's bytes. Fails for a model Spark cannot work with. */
    static byte[] of(Sequential model) {
        requireUsable(model);
        return ModelJson.toJson(model).getBytes(StandardCharsets.UTF_8);
    }

    static void requireUsable(Sequential model) {
        if (model == null) {
            throw new IllegalArgumentException("The model is null");
        }
        if (!model.isBuilt()) {
            throw new IllegalStateException("Model '" + model.name() + "' is not built. Give the first layer an input "
                    + "dimension (new Dense(16, \"relu\", 10000)) or call model.build(inputColumns) first.");
        }
        if (model.dataType() != DataType.FLOAT) {
            throw new IllegalArgumentException("Lamina on Spark works with float32 models; model '" + model.name()
                    + "' computes in " + model.dataType() + ".");
        }
    }

    /** A new model from the bytes (each training task needs its own). */
    static Sequential load(byte[] bytes) {
        try {
            return ModelJson.fromJson(new String(bytes, StandardCharsets.UTF_8));
        } catch (ModelFormatException e) { // written by ModelJson.toJson on the driver: a version mismatch
            throw new IllegalStateException("Could not read the model the driver sent: " + e.getMessage()
                    + ". Are the driver and the executors on the same Lamina version?", e);
        }
    }

    /** The model of a broadcast, loaded once per JVM and shared (for inference only). */
    static Sequential shared(Broadcast<byte[]> bytes) {
        synchronized (LOADED) {
            Sequential model = LOADED.get(bytes.id());
            if (model == null) {
                model = load(bytes.value());
                LOADS.incrementAndGet();
                LOADED.put(bytes.id(), model);
            }
            return model;
        }
    }

    /** How many times this JVM has loaded a broadcast model for inference (for tests). */
    static long sharedLoads() {
        return LOADS.get();
    }
}
