package dev.lamina.layers;

import dev.lamina.core.activation.ActivationFunction;
import dev.lamina.core.activation.CustomActivation;
import dev.lamina.core.activation.Exponential;
import dev.lamina.core.activation.HardSigmoid;
import dev.lamina.core.activation.Selu;
import dev.lamina.core.activation.Sigmoid;
import dev.lamina.core.activation.Softmax;
import dev.lamina.core.activation.Softplus;
import dev.lamina.core.loss.BinaryCrossentropy;
import dev.lamina.core.loss.BinaryFocalCrossentropy;
import dev.lamina.core.loss.CategoricalCrossentropy;
import dev.lamina.core.loss.CategoricalFocalCrossentropy;
import dev.lamina.core.loss.Hinge;
import dev.lamina.core.loss.KLDivergence;
import dev.lamina.core.loss.Loss;
import dev.lamina.core.loss.Poisson;
import dev.lamina.core.loss.SparseCategoricalCrossentropy;
import dev.lamina.core.loss.SquaredHinge;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * The guard rails: checks the output activation against the loss and the labels, and SELU against its initializer,
 * and warns (once per model) when a model is built to fail; strict mode makes them errors. Warnings go to the JDK's
 * {@code System.Logger} named {@code dev.lamina.layers.Sequential}: java.util.logging prints them on standard error
 * by default, and an SLF4J or Log4j bridge for {@code System.Logger} sends them to the application's logging.
 */
final class ModelChecks {

    private static final System.Logger LOG = System.getLogger(Sequential.class.getName());

    private final Model model;
    private final Set<String> warned = new LinkedHashSet<>();
    private CompileOptions options = CompileOptions.DEFAULT;
    private boolean labelsChecked;

    ModelChecks(Model model) {
        this.model = model;
    }

    void reset(CompileOptions options) {
        this.options = options == null ? CompileOptions.DEFAULT : options;
        this.labelsChecked = false;
    }

    List<String> warnings() {
        return new ArrayList<>(warned);
    }

    private void warn(String message) {
        if (options.strictMode()) {
            throw new IllegalArgumentException(message);
        }
        if (warned.add(message)) {
            LOG.log(System.Logger.Level.WARNING, message);
        }
    }

    /** Checks that need only the architecture and the loss. */
    void atCompile() {
        List<Layer> layers = model.layers();
        if (layers.isEmpty()) {
            return;
        }
        for (Layer layer : layers) {
            if (layer instanceof Dense dense && dense.activation() instanceof Selu
                    && !dense.kernelInitializer().name().equals("lecun_normal")) {
                warn("Dense '" + dense.name() + "' uses selu with the " + dense.kernelInitializer().name()
                        + " initializer: selu self-normalises only with lecun_normal weights. Fix: "
                        + "new Dense(" + dense.units() + ", \"selu\").kernelInitializer(\"lecun_normal\").");
            }
        }
        boolean selu = layers.stream().anyMatch(l -> l.activation() instanceof Selu);
        for (Layer layer : layers) {
            if (selu && layer instanceof Dropout dropout) {
                warn("Dropout '" + dropout.name() + "' is mixed with selu layers: ordinary dropout breaks selu's "
                        + "self-normalisation. Fix: use new AlphaDropout(" + dropout.rate() + "), which keeps "
                        + "selu's mean and variance, or relu layers.");
            }
        }
        Layer last = lastWithActivation(layers);
        ActivationFunction activation = last.activation();
        Loss loss = model.loss().unreduced();
        long units = last.isBuilt() || last instanceof Dense ? unitsOf(last) : -1;
        String where = last.className() + " '" + last.name() + "'";
        if (activation instanceof Softmax && units == 1) {
            warn(where + " applies softmax to a single unit: its output is always 1.0 and the model cannot learn. "
                    + "Fix: for binary classification use Dense(1, \"sigmoid\") with binary_crossentropy; for K "
                    + "classes use Dense(K, \"softmax\").");
            return;
        }
        boolean binary = loss instanceof BinaryCrossentropy bce && !bce.fromLogits()
                || loss instanceof BinaryFocalCrossentropy focal && !focal.fromLogits();
        if (binary) {
            if (activation instanceof Softmax && units > 1) {
                warn(where + " ends in softmax over " + units + " units but the loss is " + loss.name() + ". Fix: "
                        + "for one label per sample use categorical_crossentropy (one-hot labels) or "
                        + "sparse_categorical_crossentropy (integer labels); for several independent labels use "
                        + "Dense(" + units + ", \"sigmoid\").");
            } else if (!inUnitInterval(activation)) {
                warn(where + " outputs " + activation.name() + ", whose values are not probabilities in [0, 1], but "
                        + loss.name() + " expects probabilities (they are clipped to [1e-7, 1 - 1e-7], so the "
                        + "model barely learns). Fix: use the sigmoid activation, or keep the layer linear and compile "
                        + "with " + fromLogitsFix(loss) + ".");
            }
        }
        boolean categorical = loss instanceof CategoricalCrossentropy c && !c.fromLogits()
                || loss instanceof SparseCategoricalCrossentropy s && !s.fromLogits()
                || loss instanceof CategoricalFocalCrossentropy focal && !focal.fromLogits();
        if (categorical && !(activation instanceof Softmax) && !(activation instanceof CustomActivation)) {
            if (activation instanceof Sigmoid && units > 1) {
                warn(where + " ends in sigmoid over " + units + " units but the loss is " + loss.name()
                        + ", which expects one distribution per sample. Fix: use Dense(" + units + ", \"softmax\") "
                        + "for one class per sample, or binary_crossentropy for independent (multi-label) outputs.");
            } else {
                warn(where + " outputs " + activation.name() + ", not a probability distribution, but " + loss.name()
                        + " expects one. Fix: use the softmax activation, or keep the layer linear and compile with "
                        + fromLogitsFix(loss) + ".");
            }
        }
        if (loss instanceof KLDivergence && !inUnitInterval(activation)) {
            warn(where + " outputs " + activation.name() + ", not a probability distribution, but kl_divergence "
                    + "compares distributions (predictions are clipped to [1e-7, 1], so the model barely learns). "
                    + "Fix: use Dense(" + units + ", \"softmax\").");
        }
        if (loss instanceof Poisson && !positive(activation)) {
            warn(where + " outputs " + activation.name() + ", which can be negative, but poisson takes the log of "
                    + "the predicted rate (a negative rate gives NaN). Fix: use the exponential or softplus "
                    + "activation.");
        }
    }

    /** How to say "compile with from_logits" for {@code loss}. */
    private static String fromLogitsFix(Loss loss) {
        if (loss instanceof BinaryFocalCrossentropy f) {
            return "from_logits (new BinaryFocalCrossentropy(" + f.applyClassBalancing() + ", " + f.alpha() + ", "
                    + f.gamma() + ", true, " + f.labelSmoothing() + "))";
        }
        if (loss instanceof CategoricalFocalCrossentropy f) {
            return "from_logits (new CategoricalFocalCrossentropy(" + f.alpha() + ", " + f.gamma() + ", true, "
                    + f.labelSmoothing() + "))";
        }
        if (loss instanceof BinaryCrossentropy b) {
            return b.labelSmoothing() == 0 ? "new BinaryCrossentropy(true) (from_logits)"
                    : "from_logits (new BinaryCrossentropy(true, " + b.labelSmoothing() + "))";
        }
        if (loss instanceof CategoricalCrossentropy c && c.labelSmoothing() != 0) {
            return "from_logits (new CategoricalCrossentropy(true, " + c.labelSmoothing() + "))";
        }
        return "from_logits (new " + loss.getClass().getSimpleName() + "(true))";
    }

    /**
     * The last layer that does not pass values through unchanged at inference (as Dropout, the noise layers and
     * Flatten do).
     */
    private static Layer lastWithActivation(List<Layer> layers) {
        for (int i = layers.size() - 1; i > 0; i--) {
            Layer layer = layers.get(i);
            if (!(layer instanceof Dropout || layer instanceof NoiseLayer || layer instanceof Flatten)) {
                return layers.get(i);
            }
        }
        return layers.get(0);
    }

    private static long unitsOf(Layer layer) {
        if (layer instanceof Dense dense) {
            return dense.units();
        }
        return layer.isBuilt() ? layer.outputSize() : -1;
    }

    private static boolean inUnitInterval(ActivationFunction activation) {
        return activation instanceof Sigmoid || activation instanceof HardSigmoid || activation instanceof Softmax
                || activation instanceof CustomActivation; // a custom function's range is unknown: stay quiet
    }

    /** Outputs that are never negative, as poisson's rates must be (relu's alpha and threshold aside). */
    private static boolean positive(ActivationFunction activation) {
        return activation instanceof Exponential || activation instanceof Softplus || inUnitInterval(activation)
                || activation.name().equals("relu") || activation.name().equals("relu6");
    }

    /** Checks that need the labels, run on the first fit after compile. */
    void atFirstFit(INDArray y) {
        if (labelsChecked) {
            return;
        }
        labelsChecked = true;
        Layer last = lastWithActivation(model.layers());
        ActivationFunction activation = last.activation();
        // hinge losses take -1/1 labels with any output, a sigmoid included
        boolean hinge = model.loss().unreduced() instanceof Hinge || model.loss().unreduced() instanceof SquaredHinge;
        if ((activation instanceof Sigmoid || activation instanceof HardSigmoid) && !hinge) {
            double min = y.minNumber().doubleValue();
            double max = y.maxNumber().doubleValue();
            if (min < 0 || max > 1) {
                warn(last.className() + " '" + last.name() + "' outputs " + activation.name() + " in (0, 1) but the "
                        + "labels range over [" + min + ", " + max + "], so they can never be matched. Fix: for "
                        + "binary labels map them to 0/1; for class indices use Dense(K, \"softmax\") with "
                        + "sparse_categorical_crossentropy; for regression use a linear output with "
                        + "mean_squared_error.");
            }
        }
    }
}
