package dev.lamina.layers;

import dev.lamina.core.HostFloats;
import dev.lamina.core.activation.ActivationFunction;
import dev.lamina.core.activation.Linear;
import dev.lamina.core.activation.Relu;
import dev.lamina.core.activation.Sigmoid;
import dev.lamina.core.activation.Tanh;
import java.util.ArrayList;
import java.util.List;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Inference for a few rows without ND4J's per-op overhead (~5-10 us per op, which makes a one-review prediction cost
 * 100+ us): the weights are mirrored in Java arrays (refreshed when they change), the layers run as plain loops that
 * skip zero inputs, and only activations other than linear, relu, sigmoid and tanh go through ND4J.
 *
 * <pre>{@code
 * INDArray p = model.predict(oneRow);   // used automatically for batches of up to 8 rows
 * }</pre>
 */
final class SmallBatchPredictor {

    static final int MAX_ROWS = 8;

    /** Java copies of one Dense layer's weights. */
    private record HostDense(float[] kernel, float[] bias, int inputs, int units, ActivationFunction activation) {
    }

    private final long version;
    private final List<Object> stages;

    private SmallBatchPredictor(long version, List<Object> stages) {
        this.version = version;
        this.stages = stages;
    }

    /** A predictor for {@code layers}, or null when some layer is not supported (the normal path then runs). */
    static SmallBatchPredictor of(List<Layer> layers, long version) {
        List<Object> stages = new ArrayList<>();
        for (Layer layer : layers) {
            if (layer instanceof Dense dense) {
                INDArray kernel = dense.kernel();
                if (kernel.dataType() != DataType.FLOAT) {
                    return null;
                }
                float[] bias = dense.bias() == null ? null : dense.bias().dup().data().asFloat();
                stages.add(new HostDense(HostFloats.of(kernel), bias, (int) kernel.size(0), dense.units(),
                        dense.activation()));
            } else if (layer instanceof Activation activation) {
                stages.add(activation.activation());
            } else if (!(layer instanceof Dropout)) {
                return null;
            }
        }
        return new SmallBatchPredictor(version, stages);
    }

    long version() {
        return version;
    }

    /** Predicts for dense rows {@code [n <= MAX_ROWS, inputs]}. */
    INDArray predict(INDArray input) {
        int rows = (int) input.size(0);
        int columns = (int) input.size(1);
        float[] x = HostFloats.of(input);
        for (int i = 0; i < x.length; i++) {
            if (!Float.isFinite(x[i])) {
                throw new IllegalArgumentException("predict: x contains NaN or infinite values (first at row "
                        + i / columns + ", column " + i % columns + "). Clean or impute the data first.");
            }
        }
        HostDense first = stages.get(0) instanceof HostDense d ? d : null;
        float[] h;
        int width;
        if (first != null) {
            h = new float[rows * first.units()];
            for (int r = 0; r < rows; r++) {
                for (int c = 0; c < columns; c++) {
                    float v = x[r * columns + c];
                    if (v != 0f) {
                        addRow(first.kernel(), c * first.units(), v, h, r * first.units(), first.units());
                    }
                }
            }
            width = finish(first, h, rows);
        } else {
            h = x;
            width = columns;
        }
        return run(h, rows, width, first != null ? 1 : 0);
    }

    /** Predicts for sparse rows (at most MAX_ROWS); the first layer must be Dense. */
    INDArray predict(SparseRows input, int[] offsets, int[] columns, float[] values) {
        int rows = (int) input.rows();
        HostDense first = (HostDense) stages.get(0);
        float[] h = new float[rows * first.units()];
        for (int r = 0; r < rows; r++) {
            for (int i = offsets[r]; i < offsets[r + 1]; i++) {
                addRow(first.kernel(), columns[i] * first.units(), values == null ? 1f : values[i], h,
                        r * first.units(), first.units());
            }
        }
        int width = finish(first, h, rows);
        return run(h, rows, width, 1);
    }

    private static void addRow(float[] kernel, int from, float scale, float[] out, int to, int units) {
        for (int u = 0; u < units; u++) {
            out[to + u] += scale * kernel[from + u];
        }
    }

    private INDArray run(float[] h, int rows, int width, int firstStage) {
        for (int s = firstStage; s < stages.size(); s++) {
            Object stage = stages.get(s);
            if (stage instanceof HostDense dense) {
                float[] next = new float[rows * dense.units()];
                for (int r = 0; r < rows; r++) {
                    for (int c = 0; c < width; c++) {
                        float v = h[r * width + c];
                        if (v != 0f) {
                            addRow(dense.kernel(), c * dense.units(), v, next, r * dense.units(), dense.units());
                        }
                    }
                }
                h = next;
                width = finish(dense, h, rows);
            } else {
                h = activate((ActivationFunction) stage, h, rows, width);
            }
        }
        return Nd4j.create(h, new long[] {rows, width}, 'c');
    }

    private static int finish(HostDense dense, float[] z, int rows) {
        int units = dense.units();
        if (dense.bias() != null) {
            for (int r = 0; r < rows; r++) {
                for (int u = 0; u < units; u++) {
                    z[r * units + u] += dense.bias()[u];
                }
            }
        }
        float[] activated = activate(dense.activation(), z, rows, units);
        if (activated != z) {
            System.arraycopy(activated, 0, z, 0, z.length);
        }
        return units;
    }

    /** The activation in Java for the common built-ins, through ND4J otherwise. */
    private static float[] activate(ActivationFunction activation, float[] z, int rows, int width) {
        if (activation instanceof Linear) {
            return z;
        }
        if (activation instanceof Relu relu && relu.equals(new Relu())) {
            for (int i = 0; i < z.length; i++) {
                z[i] = z[i] > 0f ? z[i] : 0f;
            }
            return z;
        }
        if (activation instanceof Sigmoid) {
            for (int i = 0; i < z.length; i++) {
                z[i] = (float) (1.0 / (1.0 + Math.exp(-z[i])));
            }
            return z;
        }
        if (activation instanceof Tanh) {
            for (int i = 0; i < z.length; i++) {
                z[i] = (float) Math.tanh(z[i]);
            }
            return z;
        }
        INDArray array = Nd4j.create(z, new long[] {rows, width}, 'c');
        return activation.apply(array).data().asFloat();
    }
}
