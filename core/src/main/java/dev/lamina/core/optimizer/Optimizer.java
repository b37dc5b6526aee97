package dev.lamina.core.optimizer;

import dev.lamina.core.FastPaths;
import dev.lamina.core.HostFloats;
import dev.lamina.core.schedule.LearningRateSchedule;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.ops.transforms.Transforms;

/**
 * Updates weights from their gradients, with Keras's update rules and defaults.
 *
 * <p>An optimizer works on one flat parameter vector and its flat gradient (the model keeps every weight as a view
 * of these), so each step is a handful of large in-place ND4J ops. Gradient clipping follows Keras: {@code clipnorm}
 * rescales each weight tensor's gradient to at most that L2 norm, {@code globalClipnorm} the whole gradient,
 * {@code clipvalue} clips element-wise. {@code weightDecay} is Keras 3's decoupled {@code weight_decay}, which every
 * optimizer accepts: before each update, {@code w -= w * weight_decay * lr} (AdamW sets it by default).
 *
 * <pre>{@code
 * Optimizer adam = new Adam(1e-3).clipnorm(1.0);
 * Optimizer sgd = new SGD(0.01, 0.9, false).weightDecay(1e-4);
 * model.compile(adam, "mse");
 * }</pre>
 */
public abstract class Optimizer {

    private double learningRate;
    private double clipnorm = Double.NaN;
    private double globalClipnorm = Double.NaN;
    private double clipvalue = Double.NaN;
    private double weightDecay;
    private LearningRateSchedule schedule;
    private long iterations;
    /** True while {@link #step} runs: its update takes the rate for the steps made before it. */
    private boolean stepping;
    /** Scratch space of the parameter vector's shape, reused by every step. */
    protected INDArray scratch;

    protected Optimizer(double learningRate) {
        setLearningRate(learningRate);
    }

    /** Keras's snake_case name ({@code rmsprop}, {@code adam}, ...). */
    public abstract String name();

    /**
     * Applies one update to {@code params} from {@code grads} (clipped already) as ND4J ops: the plain formula, used
     * for float64 and whenever the fast path does not apply; {@code step} counts from 1.
     */
    protected abstract void update(INDArray params, INDArray grads, long step);

    /**
     * The same update as one element-wise rule over float32 chunks (the fast path), with the slot arrays it reads
     * and writes in the order the rule expects; null when this configuration has no fast path.
     */
    FusedStep fusedStep(INDArray params, long step) {
        return null;
    }

    /**
     * A fast-path step: the slot arrays, the per-element rule, and how often the slots are flushed of values that
     * would decay into the subnormal range ({@link FusedUpdate#flushInterval}).
     */
    record FusedStep(List<INDArray> slots, ElementRule rule, int flushEvery) {
    }

    /** The optimizer's own hyper-parameters, besides learning rate and clipping. */
    protected abstract Map<String, Double> hyperParameters();

    /** The slot arrays (moments, accumulators) by name; empty before the first step. */
    public abstract Map<String, INDArray> state();

    /** Restores slot arrays saved by {@link #state()}; names and lengths must match the parameters. */
    public abstract void restoreState(Map<String, INDArray> state, long iterations);

    /**
     * One training step: clips {@code grads} (in place) and updates {@code params} in place.
     *
     * @param params          the flat parameter vector
     * @param grads           the flat gradient, same length
     * @param gradientTensors views of {@code grads}, one per weight tensor (for per-tensor {@code clipnorm})
     */
    public final void step(INDArray params, INDArray grads, List<INDArray> gradientTensors) {
        step(params, grads, gradientTensors, null);
    }

    /**
     * As {@link #step(INDArray, INDArray, List)}, also keeping {@code hostCopy}, a Java copy of {@code params}, equal
     * to them (the fast path writes it as it goes; otherwise it is copied after the update).
     */
    public final void step(INDArray params, INDArray grads, List<INDArray> gradientTensors, float[] hostCopy) {
        if (scratch == null || scratch.length() != params.length()) {
            scratch = params.ulike();
        }
        if (!Double.isNaN(clipvalue)) {
            Transforms.min(Transforms.max(grads, -clipvalue, false), clipvalue, false);
        }
        if (!Double.isNaN(clipnorm)) {
            for (INDArray g : gradientTensors) {
                clipToNorm(g, clipnorm);
            }
        }
        if (!Double.isNaN(globalClipnorm)) {
            clipToNorm(grads, globalClipnorm);
        }
        iterations++;
        stepping = true;
        try {
            applyStep(params, grads, hostCopy);
        } finally {
            stepping = false;
        }
    }

    private void applyStep(INDArray params, INDArray grads, float[] hostCopy) {
        double decay = learningRate() * weightDecay; // Keras 3: variable -= variable * wd * lr, before the update
        FusedStep fused = FastPaths.enabled() && FusedUpdate.applies(params, grads) ? fusedStep(params, iterations)
                : null;
        if (fused != null) {
            boolean flush = iterations % fused.flushEvery() == 0;
            FusedUpdate.run(params, grads, fused.slots(), fused.rule(), (float) decay, flush, hostCopy);
            return;
        }
        if (decay != 0) {
            params.subi(scratch.assign(params).muli(decay));
        }
        update(params, grads, iterations);
        if (hostCopy != null) {
            HostFloats.buffer(params).get(0, hostCopy, 0, hostCopy.length);
        }
    }

    private static void clipToNorm(INDArray g, double maxNorm) {
        double norm = g.norm2Number().doubleValue();
        if (norm > maxNorm) {
            g.muli(maxNorm / norm);
        }
    }

    /** {@code y += alpha * x} in one BLAS call. */
    protected static void axpy(double alpha, INDArray x, INDArray y) {
        Nd4j.getBlasWrapper().level1().axpy(x.length(), alpha, x, y);
    }

    /** A zeroed slot array like {@code params}, or the existing one. */
    protected static INDArray slot(INDArray existing, INDArray params) {
        return existing != null && existing.length() == params.length() ? existing : params.ulike().assign(0.0);
    }

    /** Steps taken so far (Keras's {@code iterations}). */
    public long iterations() {
        return iterations;
    }

    protected void setIterations(long iterations) {
        if (iterations < 0) {
            throw new IllegalArgumentException("iterations must be >= 0. Received: " + iterations);
        }
        this.iterations = iterations;
    }

    /**
     * The learning rate of the next update; with a schedule, Keras's {@code schedule(iterations)} (during a step, of
     * the updates made before it).
     */
    public double learningRate() {
        if (schedule == null) {
            return learningRate;
        }
        return schedule.at(stepping ? iterations - 1 : iterations);
    }

    /**
     * Takes the learning rate from {@code schedule} from now on, as Keras's {@code learning_rate=schedule}; null goes
     * back to a constant rate (the schedule's current one).
     */
    public Optimizer learningRateSchedule(LearningRateSchedule schedule) {
        if (schedule == null && this.schedule != null) {
            this.learningRate = learningRate();
        }
        this.schedule = schedule;
        return this;
    }

    /** The schedule, or null for a constant learning rate. */
    public LearningRateSchedule learningRateSchedule() {
        return schedule;
    }

    /** Sets a constant learning rate (used by {@code ReduceLROnPlateau}); not while a schedule sets it. */
    public void setLearningRate(double learningRate) {
        if (schedule != null) {
            throw new IllegalStateException(name() + " takes its learning rate from a " + schedule.className()
                    + " schedule, so its learning rate is not settable (as in Keras). Remove the schedule first: "
                    + "learningRateSchedule(null).");
        }
        if (!(learningRate >= 0) || Double.isInfinite(learningRate)) {
            throw new IllegalArgumentException(name() + ": learning_rate must be a finite number >= 0. Received: "
                    + learningRate);
        }
        this.learningRate = learningRate;
    }

    /** Clips each weight tensor's gradient to this L2 norm. */
    public Optimizer clipnorm(double value) {
        this.clipnorm = positive("clipnorm", value);
        return this;
    }

    /** Clips the whole gradient to this L2 norm. */
    public Optimizer globalClipnorm(double value) {
        this.globalClipnorm = positive("global_clipnorm", value);
        return this;
    }

    /** Clips every gradient element to [-value, value]. */
    public Optimizer clipvalue(double value) {
        this.clipvalue = positive("clipvalue", value);
        return this;
    }

    /**
     * Keras 3's decoupled {@code weight_decay}: before each update {@code w -= w * value * lr}, on every weight; 0
     * (Keras's {@code None}) turns it off.
     */
    public Optimizer weightDecay(double value) {
        if (!(value >= 0) || Double.isInfinite(value)) {
            throw new IllegalArgumentException(name() + ": weight_decay must be a finite number >= 0. Received: "
                    + value);
        }
        this.weightDecay = value;
        return this;
    }

    /** The decoupled weight decay ({@link #weightDecay(double)}); 0 when off. */
    public double weightDecay() {
        return weightDecay;
    }

    private double positive(String what, double value) {
        if (!(value > 0) || Double.isInfinite(value)) {
            throw new IllegalArgumentException(name() + ": " + what + " must be a positive number. Received: "
                    + value);
        }
        return value;
    }

    /** Keras's config: {@code learning_rate}, the hyper-parameters, and any weight decay and clipping that is set. */
    public Map<String, Double> config() {
        Map<String, Double> config = new LinkedHashMap<>();
        config.put("learning_rate", learningRate()); // a schedule is saved on its own (learningRateSchedule())
        config.putAll(hyperParameters());
        if (weightDecay > 0) {
            config.put("weight_decay", weightDecay);
        }
        if (!Double.isNaN(clipnorm)) {
            config.put("clipnorm", clipnorm);
        }
        if (!Double.isNaN(globalClipnorm)) {
            config.put("global_clipnorm", globalClipnorm);
        }
        if (!Double.isNaN(clipvalue)) {
            config.put("clipvalue", clipvalue);
        }
        return config;
    }

    /** Applies the weight decay and clipping entries of a saved config. */
    protected Optimizer withCommonOptions(Map<String, Double> config) {
        if (config.containsKey("weight_decay")) {
            weightDecay(config.get("weight_decay"));
        }
        if (config.containsKey("clipnorm")) {
            clipnorm(config.get("clipnorm"));
        }
        if (config.containsKey("global_clipnorm")) {
            globalClipnorm(config.get("global_clipnorm"));
        }
        if (config.containsKey("clipvalue")) {
            clipvalue(config.get("clipvalue"));
        }
        return this;
    }

    @Override
    public String toString() {
        return getClass().getSimpleName() + config();
    }
}
