package dev.lamina.serialization;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.lamina.core.activation.ActivationFunction;
import dev.lamina.core.activation.Activations;
import dev.lamina.core.init.Initializer;
import dev.lamina.core.init.VarianceScaling;
import dev.lamina.core.loss.Loss;
import dev.lamina.core.loss.Reduction;
import dev.lamina.core.optimizer.Optimizer;
import dev.lamina.layers.Activation;
import dev.lamina.layers.BatchNormalization;
import dev.lamina.layers.Dense;
import dev.lamina.layers.Dropout;
import dev.lamina.layers.Layer;
import dev.lamina.layers.Normalization;
import dev.lamina.layers.Sequential;
import java.util.List;
import java.util.Map;
import org.nd4j.linalg.api.ndarray.INDArray;

/** Turns a model into the Lamina JSON document (see {@code docs/model-format.md}). */
final class ModelWriter {

    static final String FORMAT = "lamina-model";
    static final int VERSION = 1;
    private static final JsonNodeFactory JSON = JsonNodeFactory.instance;

    private ModelWriter() {
    }

    static ObjectNode write(Sequential model) {
        ObjectNode root = JSON.objectNode();
        root.put("format", FORMAT);
        root.put("format_version", VERSION);
        root.set("model_config", modelConfig(model));
        root.set("weights", weights(model));
        if (model.isCompiled()) {
            root.set("compile_config", compileConfig(model));
            Map<String, INDArray> state = model.optimizer().state();
            long trainable = model.countTrainableParams();
            // slots made for other trainable weights (a layer was frozen since) are stale: fit would drop them too
            if (!state.isEmpty() && state.values().stream().allMatch(slot -> slot.length() == trainable)) {
                ObjectNode optimizerState = root.putObject("optimizer_state");
                optimizerState.put("iterations", model.optimizer().iterations());
                ArrayNode slots = optimizerState.putArray("slots");
                state.forEach((name, array) -> slots.add(tensor(name, array)));
            }
        }
        return root;
    }

    static ObjectNode modelConfig(Sequential model) {
        ObjectNode modelConfig = JSON.objectNode();
        modelConfig.put("class_name", "Sequential");
        ObjectNode config = modelConfig.putObject("config");
        config.put("name", model.name());
        ArrayNode layers = config.putArray("layers");
        boolean first = true;
        for (Layer layer : model.layers()) {
            layers.add(layer(layer, first, model));
            first = false;
        }
        return modelConfig;
    }

    private static ObjectNode layer(Layer layer, boolean first, Sequential model) {
        ObjectNode node = JSON.objectNode();
        node.put("class_name", layer.className());
        ObjectNode config = node.putObject("config");
        config.put("name", layer.name());
        config.put("trainable", layer.trainable());
        config.put("dtype", WeightCodec.dtypeName(model.dataType()));
        if (first && layer.inputSize() > 0) {
            config.putArray("batch_input_shape").addNull().add(layer.inputSize());
        }
        if (layer instanceof Dense dense) {
            config.put("units", dense.units());
            config.set("activation", activation(dense.activation()));
            config.put("use_bias", dense.usesBias());
            config.set("kernel_initializer", initializer(dense.kernelInitializer()));
            config.set("bias_initializer", initializer(dense.biasInitializer()));
            config.set("kernel_regularizer", RegularizerJson.write(dense.kernelRegularizer()));
            config.set("bias_regularizer", RegularizerJson.write(dense.biasRegularizer()));
            config.set("activity_regularizer", RegularizerJson.write(dense.activityRegularizer()));
            config.set("kernel_constraint", RegularizerJson.write(dense.kernelConstraint()));
            config.set("bias_constraint", RegularizerJson.write(dense.biasConstraint()));
        } else if (layer instanceof BatchNormalization bn) {
            batchNormalization(config, bn);
        } else if (layer instanceof Normalization normalization) {
            normalization(config, normalization);
        } else if (layer instanceof Activation activation) {
            config.set("activation", activation(activation.activation()));
        } else if (layer instanceof Dropout dropout) {
            config.put("rate", dropout.rate());
        } else if (ElementwiseLayerJson.writes(layer)) {
            ElementwiseLayerJson.write(layer, config);
        } else {
            throw new IllegalArgumentException("Cannot save layer type " + layer.className());
        }
        return node;
    }

    /** Keras 3's {@code BatchNormalization.get_config()} keys, in its order. */
    private static void batchNormalization(ObjectNode config, BatchNormalization bn) {
        config.put("axis", -1);
        config.put("momentum", bn.momentum());
        config.put("epsilon", bn.epsilon());
        config.put("center", bn.center());
        config.put("scale", bn.scale());
        config.set("beta_initializer", initializer(bn.betaInitializer()));
        config.set("gamma_initializer", initializer(bn.gammaInitializer()));
        config.set("moving_mean_initializer", initializer(bn.movingMeanInitializer()));
        config.set("moving_variance_initializer", initializer(bn.movingVarianceInitializer()));
        config.set("beta_regularizer", RegularizerJson.write(bn.betaRegularizer()));
        config.set("gamma_regularizer", RegularizerJson.write(bn.gammaRegularizer()));
        config.set("beta_constraint", RegularizerJson.write(bn.betaConstraint()));
        config.set("gamma_constraint", RegularizerJson.write(bn.gammaConstraint()));
        config.put("synchronized", false);
        config.put("renorm", false);
        config.putNull("renorm_clipping");
        config.put("renorm_momentum", 0.99);
    }

    /** Keras 3's {@code Normalization.get_config()}: axis as a list, mean and variance as lists or null. */
    private static void normalization(ObjectNode config, Normalization normalization) {
        config.putArray("axis").add(-1);
        config.put("invert", normalization.invert());
        double[] mean = normalization.configMean();
        double[] variance = normalization.configVariance();
        if (mean == null) {
            config.putNull("mean");
            config.putNull("variance");
        } else {
            ArrayNode means = config.putArray("mean");
            ArrayNode variances = config.putArray("variance");
            for (int i = 0; i < mean.length; i++) {
                means.add(mean[i]);
                variances.add(variance[i]);
            }
        }
    }

    /** A built-in with default parameters, or a custom activation without parameters, is written as its name. */
    static com.fasterxml.jackson.databind.JsonNode activation(ActivationFunction activation) {
        Map<String, Double> config = activation.config();
        boolean plain = Activations.isBuiltIn(activation.name())
                ? Activations.get(activation.name()).config().equals(config)
                : config.isEmpty();
        if (plain) {
            return JSON.textNode(activation.name());
        }
        ObjectNode node = JSON.objectNode();
        node.put("class_name", activation.name());
        ObjectNode values = node.putObject("config");
        config.forEach((key, value) -> {
            if (value == null) {
                values.putNull(key);
            } else {
                values.put(key, value);
            }
        });
        return node;
    }

    static ObjectNode initializer(Initializer initializer) {
        ObjectNode node = JSON.objectNode();
        node.put("class_name", KerasNames.kerasClass(initializer));
        ObjectNode config = node.putObject("config");
        if (initializer instanceof VarianceScaling vs && initializer.name().equals("variance_scaling")) {
            config.put("scale", vs.scale());
            config.put("mode", KerasNames.mode(vs.mode()));
            config.put("distribution", KerasNames.distribution(vs.distribution()));
        } else {
            initializer.config().forEach(config::put);
        }
        if (!initializer.name().equals("zeros") && !initializer.name().equals("ones")
                && !initializer.name().equals("constant")) {
            config.putNull("seed");
        }
        return node;
    }

    private static ArrayNode weights(Sequential model) {
        ArrayNode weights = JSON.arrayNode();
        for (Layer layer : model.layers()) {
            List<INDArray> tensors = layer.weights();
            List<String> names = layer.weightNames();
            for (int i = 0; i < tensors.size(); i++) {
                weights.add(tensor(layer.name() + "/" + names.get(i), tensors.get(i)));
            }
        }
        return weights;
    }

    private static ObjectNode tensor(String name, INDArray array) {
        ObjectNode node = JSON.objectNode();
        node.put("name", name);
        ArrayNode shape = node.putArray("shape");
        for (long d : array.shape()) {
            shape.add(d);
        }
        node.put("dtype", WeightCodec.dtypeName(array.dataType()));
        node.put("data", WeightCodec.encode(array));
        return node;
    }

    private static ObjectNode compileConfig(Sequential model) {
        ObjectNode node = JSON.objectNode();
        Optimizer optimizer = model.optimizer();
        ObjectNode optimizerNode = node.putObject("optimizer");
        optimizerNode.put("class_name", optimizer.name());
        ObjectNode optimizerConfig = optimizerNode.putObject("config");
        optimizer.config().forEach(optimizerConfig::put);
        if (optimizer.learningRateSchedule() != null) {
            ScheduleJson.write(optimizerConfig.putObject("learning_rate"), optimizer.learningRateSchedule());
        }
        Loss loss = model.loss();
        ObjectNode lossNode = node.putObject("loss");
        lossNode.put("class_name", loss.name());
        ObjectNode lossConfig = lossNode.putObject("config");
        loss.config().forEach(lossConfig::put);
        if (loss.reduction() != Reduction.SUM_OVER_BATCH_SIZE) { // Keras's default is left out
            lossConfig.put("reduction", loss.reduction().kerasName());
        }
        ArrayNode metrics = node.putArray("metrics");
        model.metrics().forEach(metric -> MetricJson.write(metrics, metric));
        return node;
    }
}
