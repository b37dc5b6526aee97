package dev.lamina.layers;

import dev.lamina.core.activation.ActivationFunction;
import dev.lamina.core.activation.Linear;
import dev.lamina.core.init.Initializer;
import dev.lamina.core.init.Initializers;
import dev.lamina.core.init.VarianceScaling;
import java.util.List;
import java.util.Objects;
import java.util.Random;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.ops.transforms.Transforms;

/**
 * Keras's {@code PReLU(alpha_initializer="zeros", alpha_regularizer=None, alpha_constraint=None, shared_axes=None)}:
 * {@code relu(x) - alpha * relu(-x)}, i.e. {@code x} for {@code x > 0} and {@code alpha * x} below, with a trainable
 * {@code alpha} of shape {@code [features]} (one slope per input column; Keras's input shape without the batch). As
 * in {@code keras/src/layers/activations/prelu.py} with TensorFlow's and JAX's relu derivative, the input gradient
 * at 0 is 0; the gradient of {@code alpha} is {@code sum over rows of upstream * min(x, 0)}. Shared axes,
 * regularizers and constraints are not supported.
 *
 * <pre>{@code
 * model.add(new Dense(32, "linear", 100));
 * model.add(new PReLU());                                   // 32 slopes, starting at 0
 * model.add(new PReLU().alphaInitializer("constant"));      // any initializer by Keras name
 * }</pre>
 */
public final class PReLU extends Layer {

    private static final ActivationFunction IDENTITY = new Linear();
    private Initializer alphaInitializer = Initializers.get("zeros");
    private INDArray alpha;
    private INDArray alphaGradient;
    private ModelWeights owner;
    private int offset;

    private final TrainingBuffers outputs = new TrainingBuffers();
    private INDArray lastInput;

    /** Slopes starting at 0 (Keras's {@code alpha_initializer="zeros"}). */
    public PReLU() {
        super(null);
    }

    /** Sets the initializer of {@code alpha} by Keras name. */
    public PReLU alphaInitializer(String name) {
        return alphaInitializer(Initializers.get(name));
    }

    /** Sets the initializer of {@code alpha}. */
    public PReLU alphaInitializer(Initializer initializer) {
        checkNotBuilt("alphaInitializer");
        this.alphaInitializer = Objects.requireNonNull(initializer, "initializer");
        return this;
    }

    /** Names the layer (otherwise {@code p_re_lu}, {@code p_re_lu_1}, ... as Keras names it). */
    public PReLU name(String name) {
        if (name == null) { // the Keras readers pass null for a layer without a name: the model names it
            checkNotBuilt("name");
            assignName(null);
        } else {
            setName(name);
        }
        return this;
    }

    public Initializer alphaInitializer() {
        return alphaInitializer;
    }

    /** The slopes, {@code [features]} (a live view: do not modify), or null before the layer is built. */
    public INDArray alpha() {
        return alpha;
    }

    @Override
    public String className() {
        return "PReLU";
    }

    @Override
    public long outputSize() {
        return inputSize();
    }

    @Override
    public ActivationFunction activation() {
        return IDENTITY; // the layer's own formula is its pre-activation: alpha is a weight, not a fixed parameter
    }

    @Override
    protected void createWeights(long inputSize, Random random, DataType dataType) {
        Initializer initializer = alphaInitializer;
        if (initializer instanceof VarianceScaling vs) {
            // Keras's fans of a 1-D weight [n] are fan_in = fan_out = n (keras/src/initializers/random_initializers.py,
            // compute_fans); sampling n values as [1, n] with fan_in 1 needs the scale divided by n for that variance
            initializer = new VarianceScaling(vs.scale() / inputSize, VarianceScaling.Mode.FAN_IN, vs.distribution());
        }
        alpha = Nd4j.create(initializer.sample(1, inputSize, random), new long[] {inputSize}, 'c').castTo(dataType);
        alphaGradient = alpha.ulike();
    }

    @Override
    public List<INDArray> weights() {
        return alpha == null ? List.of() : List.of(alpha);
    }

    @Override
    public List<String> weightNames() {
        return List.of("alpha");
    }

    @Override
    void bind(List<INDArray> views, List<INDArray> gradients, ModelWeights owner, int offset) {
        alpha = views.get(0);
        alphaGradient = gradients.get(0);
        this.owner = owner;
        this.offset = offset;
        outputs.clear();
    }

    @Override
    ModelWeights weightsOwner() {
        return owner;
    }

    @Override
    Batch preActivation(Batch input, boolean training) {
        if (input.columns() != inputSize()) {
            throw widthError(input);
        }
        INDArray x = Pass.nd4j(input);
        INDArray negative = Transforms.min(x, 0.0, true).muliRowVector(alpha); // -alpha * relu(-x)
        INDArray z = training ? outputs.forRows(x.size(0), x.size(1), alpha.dataType())
                : Nd4j.createUninitialized(alpha.dataType(), x.size(0), x.size(1));
        Transforms.max(x, 0.0, true).addi(negative, z);
        negative.close();
        if (training) {
            lastInput = x;
        }
        return new Batch.Dense(z);
    }

    /** {@code x > 0 ? x : alpha * x} in Java for a few rows: the same float32 products and sums as ND4J's. */
    @Override
    void preActivationInJava(float[] x, int xFrom, int rows, float[] z, InferenceScratch scratch) {
        float[] w = owner.host();
        int columns = (int) inputSize();
        for (int r = 0; r < rows; r++) {
            int from = xFrom + r * columns;
            for (int c = 0; c < columns; c++) {
                float v = x[from + c];
                z[r * columns + c] = v > 0f ? v : w[offset + c] * v;
            }
        }
    }

    @Override
    INDArray backward(INDArray gradPre, boolean needInputGradient) {
        INDArray negativePart = Transforms.min(lastInput, 0.0, true);
        negativePart.muli(gradPre).sum(alphaGradient, 0);
        negativePart.close();
        if (!needInputGradient) {
            return null;
        }
        // 1 above 0, alpha below, 0 at 0 (relu'(0) = 0 in both of Keras's terms)
        INDArray slope = lastInput.gt(0.0).castTo(gradPre.dataType());
        slope.addi(lastInput.lt(0.0).castTo(gradPre.dataType()).muliRowVector(alpha));
        return slope.muli(gradPre);
    }

    @Override
    public String toString() {
        return "PReLU[" + name() + "]";
    }
}
