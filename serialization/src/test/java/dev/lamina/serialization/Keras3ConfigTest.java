package dev.lamina.serialization;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.lamina.core.activation.ActivationFunction;
import dev.lamina.core.activation.Activations;
import dev.lamina.core.activation.LeakyRelu;
import dev.lamina.core.constraint.MaxNorm;
import dev.lamina.core.constraint.NonNeg;
import dev.lamina.core.loss.BinaryCrossentropy;
import dev.lamina.core.metric.Precision;
import dev.lamina.core.optimizer.RMSprop;
import dev.lamina.core.regularizer.Regularizers;
import dev.lamina.layers.Activation;
import dev.lamina.layers.AlphaDropout;
import dev.lamina.layers.BatchNormalization;
import dev.lamina.layers.Dense;
import dev.lamina.layers.ELU;
import dev.lamina.layers.Flatten;
import dev.lamina.layers.GaussianDropout;
import dev.lamina.layers.GaussianNoise;
import dev.lamina.layers.LeakyReLU;
import dev.lamina.layers.Normalization;
import dev.lamina.layers.PReLU;
import dev.lamina.layers.ReLU;
import dev.lamina.layers.Sequential;
import dev.lamina.layers.Softmax;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;

class Keras3ConfigTest {

    @AfterEach
    void forgetCustomActivations() {
        Activations.unregister("ma_fonction");
        Activations.unregister("scaled");
    }

    private static JsonNode layer(Sequential model, int index) {
        return Keras3Config.of(model).get("config").get("layers").get(index);
    }

    @Test
    void builtInActivationsKeepTheirKerasNames() {
        // swish is Lamina's alias of silu, and Keras knows both names
        Sequential model = new Sequential(new Dense(3, "leaky_relu", 2), new Activation("swish"),
                new Dense(1, "sigmoid"));
        assertEquals("leaky_relu", layer(model, 1).get("config").get("activation").asText());
        assertEquals("silu", layer(model, 2).get("config").get("activation").asText());
        assertEquals("sigmoid", layer(model, 3).get("config").get("activation").asText());
    }

    @Test
    void registeredActivationIsWrittenAsKerasWritesARegisteredFunction() {
        Activations.register("ma_fonction", x -> x.mul(2));
        JsonNode activation = layer(new Sequential(new Dense(3, "ma_fonction", 2)), 1).get("config").get("activation");
        // what Keras writes for @keras.saving.register_keras_serializable() def ma_fonction(x): ...
        assertEquals("{\"module\":\"builtins\",\"class_name\":\"function\",\"config\":\"Custom>ma_fonction\","
                + "\"registered_name\":\"function\"}", activation.toString());
    }

    @Test
    void reluWithParametersBecomesKerasReluLayer() {
        JsonNode activation = layer(new Sequential(new Dense(3, Activations.relu(0.1, 6.0, 0.5), 2)), 1)
                .get("config").get("activation");
        assertEquals("keras.layers", activation.get("module").asText());
        assertEquals("ReLU", activation.get("class_name").asText());
        assertEquals(6.0, activation.get("config").get("max_value").asDouble());
        assertEquals(0.1, activation.get("config").get("negative_slope").asDouble());
        assertEquals(0.5, activation.get("config").get("threshold").asDouble());
        JsonNode unbounded = layer(new Sequential(new Dense(3, Activations.relu(0.1, Double.POSITIVE_INFINITY, 0), 2)),
                1).get("config").get("activation");
        assertTrue(unbounded.get("config").get("max_value").isNull(), unbounded.toString());
    }

    @Test
    void leakyReluWithOtherSlopeBecomesKerasLeakyReluLayer() {
        JsonNode activation = layer(new Sequential(new Dense(3, "relu", 2), new Activation(new LeakyRelu(0.05))), 2)
                .get("config").get("activation");
        assertEquals("LeakyReLU", activation.get("class_name").asText());
        assertEquals(0.05, activation.get("config").get("negative_slope").asDouble());
    }

    @Test
    void activationsKerasCannotExpressAreRefusedWithTheReason() {
        Sequential gelu = new Sequential(new Dense(3, Activations.get("gelu", Map.of("approximate", 1.0)), 2));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Keras3Config.of(gelu));
        assertTrue(e.getMessage().startsWith("layers[0] 'dense': activation 'gelu'"), e.getMessage());
        assertTrue(e.getMessage().contains("Use its default parameters"), e.getMessage());

        ActivationFunction scaled = ActivationFunction.named("scaled", Map.of("beta", 1.5), x -> x.mul(1.5));
        Sequential custom = new Sequential(new Dense(3, scaled, 2));
        e = assertThrows(IllegalArgumentException.class, () -> Keras3Config.of(custom));
        assertTrue(e.getMessage().contains("'scaled'") && e.getMessage().contains("parameterless"), e.getMessage());
    }

    @Test
    void float64ModelsUseTheFloat64Policy() {
        Sequential model = new Sequential().dataType(DataType.DOUBLE).add(new Dense(2, "relu", 3));
        JsonNode config = Keras3Config.of(model);
        assertEquals("float64", config.get("config").get("dtype").get("config").get("name").asText());
        assertEquals("float64", config.get("config").get("layers").get(0).get("config").get("dtype").asText());
        assertEquals("float64", config.get("config").get("layers").get(1).get("config").get("dtype").get("config")
                .get("name").asText());
    }

    @Test
    void compileConfigIsWrittenAsKerasSerializesIt() {
        Sequential model = new Sequential(new Dense(1, "linear", 4));
        model.compile(new RMSprop(0.01, 0.9, 0.0, 1e-7, true), new BinaryCrossentropy(true, 0.1),
                new Precision(null, 2, null));
        JsonNode compile = Keras3Config.of(model).get("compile_config");
        JsonNode optimizer = compile.get("optimizer");
        assertEquals("keras.optimizers", optimizer.get("module").asText());
        assertEquals("RMSprop", optimizer.get("class_name").asText());
        assertEquals("rmsprop", optimizer.get("config").get("name").asText());
        assertTrue(optimizer.get("config").get("centered").isBoolean());
        assertTrue(optimizer.get("config").get("centered").asBoolean());
        assertTrue(optimizer.get("config").get("clipnorm").isNull());
        assertFalse(optimizer.get("config").get("use_ema").asBoolean());
        JsonNode loss = compile.get("loss");
        assertEquals("BinaryCrossentropy", loss.get("class_name").asText());
        assertTrue(loss.get("config").get("from_logits").asBoolean());
        assertEquals(0.1, loss.get("config").get("label_smoothing").asDouble());
        assertEquals("sum_over_batch_size", loss.get("config").get("reduction").asText());
        JsonNode metric = compile.get("metrics").get(0);
        assertEquals("keras.metrics", metric.get("module").asText());
        assertEquals(2, metric.get("config").get("top_k").asInt());
        assertEquals("float32", metric.get("config").get("dtype").asText());
    }

    @Test
    void layerConfigsHaveTheKeysKerasWrites() {
        // keras.layers.X().get_config().keys() in Keras 3.15.1, less BatchNormalization's renorm keys (Keras 3.14+;
        // Keras 3.10, whose format Lamina writes, refuses them)
        String base = "dtype name trainable ";
        Map<String, String> expected = Map.ofEntries(
                Map.entry("BatchNormalization", base + "axis beta_constraint beta_initializer beta_regularizer center "
                        + "epsilon gamma_constraint gamma_initializer gamma_regularizer momentum "
                        + "moving_mean_initializer moving_variance_initializer scale synchronized"),
                Map.entry("Normalization", base + "axis invert mean variance"),
                Map.entry("LeakyReLU", base + "negative_slope"),
                Map.entry("ReLU", base + "max_value negative_slope threshold"),
                Map.entry("ELU", base + "alpha"),
                Map.entry("Softmax", base + "axis"),
                Map.entry("PReLU", base + "alpha_constraint alpha_initializer alpha_regularizer shared_axes"),
                Map.entry("GaussianNoise", base + "seed stddev"),
                Map.entry("GaussianDropout", base + "rate seed"),
                Map.entry("AlphaDropout", base + "noise_shape rate seed"),
                Map.entry("Flatten", base + "data_format"));
        Sequential model = new Sequential(new Normalization(new double[] {0}, new double[] {1}).inputDim(3),
                new BatchNormalization(), new LeakyReLU(), new ReLU(), new ELU(), new Softmax(), new PReLU(),
                new GaussianNoise(0.1), new GaussianDropout(0.1), new AlphaDropout(0.1), new Flatten());
        JsonNode layers = Keras3Config.of(model).get("config").get("layers");
        assertEquals(expected.size() + 1, layers.size());
        for (JsonNode layer : layers) {
            String className = layer.get("class_name").asText();
            if (!className.equals("InputLayer")) {
                java.util.TreeSet<String> keys = new java.util.TreeSet<>();
                layer.get("config").fieldNames().forEachRemaining(keys::add);
                assertEquals(new java.util.TreeSet<>(List.of(expected.get(className).split(" "))), keys, className);
                assertEquals("keras.layers", layer.get("module").asText());
            }
        }
        // Keras writes build_config for layers built from their input shape: with a build step, and Flatten
        assertTrue(layers.get(2).has("build_config") && layers.get(11).has("build_config"));
        assertFalse(layers.get(3).has("build_config"));
    }

    @Test
    void regularizersAndConstraintsAreKerasObjects() {
        Dense dense = new Dense(2, "relu", 3).kernelRegularizer(Regularizers.l1l2(0.1, 0.2))
                .kernelConstraint(new MaxNorm(2.0, 0)).biasConstraint(new NonNeg()).trainable(false);
        JsonNode config = layer(new Sequential(dense), 1).get("config");
        // keras.saving.serialize_keras_object(...) of the same objects in Keras 3.15.1
        assertEquals("{\"module\":\"keras.regularizers\",\"class_name\":\"L1L2\",\"config\":{\"l1\":0.1,\"l2\":0.2},"
                + "\"registered_name\":null}", config.get("kernel_regularizer").toString());
        assertEquals("{\"module\":\"keras.constraints\",\"class_name\":\"MaxNorm\",\"config\":{\"max_value\":2.0,"
                + "\"axis\":0},\"registered_name\":null}", config.get("kernel_constraint").toString());
        assertEquals("{\"module\":\"keras.constraints\",\"class_name\":\"NonNeg\",\"config\":{},"
                + "\"registered_name\":null}", config.get("bias_constraint").toString());
        assertTrue(config.get("bias_regularizer").isNull());
        assertFalse(config.has("activity_regularizer")); // Keras writes it only when set
        assertFalse(config.get("trainable").asBoolean());
    }

    @Test
    void snakeCaseFollowsKerasNaming() {
        // the values of keras.src.utils.naming.to_snake_case for these class names
        Map<String, String> expected = Map.of("Dense", "dense", "ReLU", "re_lu", "LeakyReLU", "leaky_re_lu",
                "PReLU", "p_re_lu", "ELU", "elu", "BatchNormalization", "batch_normalization",
                "GaussianNoise", "gaussian_noise", "InputLayer", "input_layer");
        expected.forEach((className, key) -> assertEquals(key, KerasWeightsWriter.snakeCase(className), className));
    }
}
