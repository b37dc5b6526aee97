package dev.lamina.layers;

import dev.lamina.core.HostFloats;
import dev.lamina.core.optimizer.Optimizer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.locks.Lock;
import java.util.concurrent.locks.ReentrantReadWriteLock;
import java.util.function.Supplier;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * A model's weights: packed into one flat ND4J buffer (and their gradients into another, see {@link PackedWeights}),
 * a Java copy of them for the host kernels (sparse rows, few-row inference) that the optimizer keeps current as it
 * writes, and the read-write lock between inference (readers) and optimizer steps or {@code setWeights} (writers).
 *
 * <pre>{@code
 * ModelWeights weights = new ModelWeights(layers, DataType.FLOAT);
 * weights.repack();                              // after layers are built
 * INDArray p = weights.read(() -> Pass.infer(layers, batch, false).output());
 * }</pre>
 */
final class ModelWeights {

    private final List<Layer> layers;
    private final DataType dataType;
    private final ReentrantReadWriteLock lock = new ReentrantReadWriteLock();
    private volatile PackedWeights packed;
    private volatile float[] host;
    private volatile long version;
    private volatile long hostVersion = -1;

    ModelWeights(List<Layer> layers, DataType dataType) {
        this.layers = layers;
        this.dataType = dataType;
    }

    /** Packs the built layers' weights anew (after layers were added or built). */
    void repack() {
        lock.writeLock().lock();
        try {
            packed = PackedWeights.of(layers, dataType, this);
            changed();
        } finally {
            lock.writeLock().unlock();
        }
    }

    private PackedWeights packed() {
        PackedWeights current = packed;
        if (current == null) {
            repack();
            current = packed;
        }
        return current;
    }

    INDArray parameters() {
        return packed().parameters();
    }

    INDArray gradients() {
        return packed().gradients();
    }

    /** The gradients of the trainable weights (what the optimizer reads), or null when no weight is trainable. */
    INDArray trainableGradients() {
        return packed().trainableGradients();
    }

    /** Number of trainable scalars: the length of every optimizer slot. */
    long trainableLength() {
        return packed().trainableLength();
    }

    /** Marks the weights as changed outside the optimizer, so that the Java copy is refreshed before its next use. */
    void changed() {
        synchronized (this) {
            version++;
        }
    }

    /** The Java copy of every weight, in packing order (float32 models only; call under the read lock). */
    float[] host() {
        float[] current = host;
        if (current != null && hostVersion == version) {
            return current; // the common case: no lock, so that many predicting threads do not queue here
        }
        return refreshHost();
    }

    private synchronized float[] refreshHost() {
        if (hostVersion != version) {
            INDArray parameters = packed().parameters();
            if (host == null || host.length != parameters.length()) {
                host = new float[(int) parameters.length()];
            }
            HostFloats.buffer(parameters).get(0, host, 0, host.length);
            hostVersion = version;
        }
        return host;
    }

    /** One optimizer step from the gradients, under the write lock; keeps the Java copy current if it is in use. */
    void step(Optimizer optimizer) {
        PackedWeights current = packed();
        lock.writeLock().lock();
        try {
            float[] copy;
            synchronized (this) {
                copy = host != null && hostVersion == version ? host : null;
                version++;
                if (copy != null) {
                    hostVersion = version; // the step writes the copy as it updates the weights
                }
            }
            try {
                for (Layer layer : layers) {
                    layer.commitStatistics(copy); // moving statistics of the forward pass just made
                }
                INDArray trainable = current.trainableParameters();
                if (trainable != null) { // Keras: no trainable weights, no optimizer step
                    boolean whole = trainable == current.parameters();
                    optimizer.step(trainable, current.trainableGradients(), current.gradientViews(),
                            whole ? copy : null);
                    if (!whole && copy != null) {
                        HostFloats.buffer(trainable).get(0, copy, 0, (int) trainable.length());
                    }
                }
                for (Layer layer : layers) {
                    layer.applyConstraints(copy); // Keras's optimizer constrains after the update
                }
            } catch (RuntimeException | Error e) {
                changed(); // the weights may be partly updated: the Java copy is refreshed before its next use
                throw e;
            }
        } finally {
            lock.writeLock().unlock();
        }
    }

    /**
     * Keras's {@code optimizer.finalize_variable_values(trainable_weights)} at the end of {@code fit}, under the write
     * lock: with {@code use_ema}, the weights become their moving average.
     */
    void finalizeValues(Optimizer optimizer) {
        lock.writeLock().lock();
        try {
            INDArray trainable = packed().trainableParameters();
            if (trainable != null && optimizer.finalizeVariableValues(trainable)) {
                changed();
            }
        } finally {
            lock.writeLock().unlock();
        }
    }

    /** Runs {@code body}, which writes weights in place, under the write lock; then refreshes the Java copy. */
    void write(Runnable body) {
        lock.writeLock().lock();
        try {
            body.run();
            changed();
        } finally {
            lock.writeLock().unlock();
        }
    }

    /** The read lock (inference), for callers that must not allocate a {@link #read} body. */
    Lock readLock() {
        return lock.readLock();
    }

    /** Runs {@code body} under the read lock (inference). */
    <T> T read(Supplier<T> body) {
        lock.readLock().lock();
        try {
            return body.get();
        } finally {
            lock.readLock().unlock();
        }
    }

    /** Copies of every weight tensor, layer by layer (kernel then bias). */
    List<INDArray> copies() {
        return read(() -> {
            List<INDArray> copies = new ArrayList<>();
            for (Layer layer : layers) {
                for (INDArray w : layer.weights()) {
                    copies.add(w.dup('c'));
                }
            }
            return copies;
        });
    }

    /** Replaces every weight tensor, in {@link #copies()} order, after checking count, shapes and values. */
    void set(String modelName, List<INDArray> weights) {
        List<INDArray> targets = new ArrayList<>();
        List<String> labels = new ArrayList<>();
        for (Layer layer : layers) {
            List<String> names = layer.weightNames();
            List<INDArray> ws = layer.weights();
            for (int i = 0; i < ws.size(); i++) {
                targets.add(ws.get(i));
                labels.add(layer.name() + "/" + names.get(i));
            }
        }
        if (weights == null || weights.size() != targets.size()) {
            throw new IllegalArgumentException("Model '" + modelName + "' has " + targets.size() + " weight tensors "
                    + labels + "; received " + (weights == null ? "null" : weights.size()) + ".");
        }
        for (int i = 0; i < targets.size(); i++) {
            INDArray w = weights.get(i);
            if (w == null || !Arrays.equals(w.shape(), targets.get(i).shape())) {
                throw new IllegalArgumentException("Weight " + labels.get(i) + " has shape "
                        + Arrays.toString(targets.get(i).shape()) + "; received "
                        + (w == null ? "null" : Arrays.toString(w.shape())) + ".");
            }
            if (NonFinite.any(w)) {
                throw new IllegalArgumentException("Weight " + labels.get(i) + " contains NaN or infinite values.");
            }
        }
        lock.writeLock().lock();
        try {
            for (int i = 0; i < targets.size(); i++) {
                targets.get(i).assign(weights.get(i).castTo(dataType));
            }
            changed();
        } finally {
            lock.writeLock().unlock();
        }
    }
}
