package dev.lamina.serialization;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.lamina.core.activation.ActivationFunction;
import dev.lamina.core.activation.Activations;
import dev.lamina.core.init.RandomUniform;
import dev.lamina.core.optimizer.Adadelta;
import dev.lamina.core.optimizer.Adagrad;
import dev.lamina.core.optimizer.Adam;
import dev.lamina.core.optimizer.AdamW;
import dev.lamina.core.optimizer.Adamax;
import dev.lamina.core.optimizer.Ftrl;
import dev.lamina.core.optimizer.Lion;
import dev.lamina.core.optimizer.Nadam;
import dev.lamina.core.optimizer.Optimizer;
import dev.lamina.core.optimizer.RMSprop;
import dev.lamina.core.optimizer.SGD;
import dev.lamina.core.schedule.CosineDecay;
import dev.lamina.core.schedule.ExponentialDecay;
import dev.lamina.core.schedule.PiecewiseConstantDecay;
import dev.lamina.layers.Activation;
import dev.lamina.layers.Dense;
import dev.lamina.layers.Dropout;
import dev.lamina.layers.FitOptions;
import dev.lamina.layers.Sequential;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.ops.transforms.Transforms;

class ModelJsonRoundTripTest {

    @TempDir
    Path dir;

    @AfterEach
    void unregister() {
        Activations.unregister("maFonction");
    }

    static void registerMaFonction() {
        Activations.registerFactory("maFonction", c -> ActivationFunction.named("maFonction", c,
                x -> x.mul(Transforms.sigmoid(x.mul(c.getOrDefault("beta", 1.0))))));
    }

    static Stream<ActivationFunction> activations() {
        registerMaFonction();
        return Stream.of(Activations.get("relu"), Activations.relu(0.1, 6.0, 0.5), Activations.get("sigmoid"),
                Activations.get("softmax"), new dev.lamina.core.activation.Softmax(0),
                Activations.get("softplus"), Activations.get("softsign"), Activations.get("tanh"),
                Activations.get("elu"), new dev.lamina.core.activation.Elu(0.3), Activations.get("selu"),
                Activations.get("linear"), Activations.get("gelu"), new dev.lamina.core.activation.Gelu(true),
                Activations.get("silu"), Activations.get("leaky_relu"), new dev.lamina.core.activation.LeakyRelu(0.05),
                Activations.get("relu6"), Activations.get("hard_sigmoid"), Activations.get("exponential"),
                Activations.get("log_softmax"), Activations.get("mish"),
                Activations.get("maFonction", Map.of("beta", 1.5)));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("activations")
    void everyActivationRoundTripsBitExactly(ActivationFunction activation) throws Exception {
        registerMaFonction();
        Sequential model = new Sequential().seed(3);
        model.add(new Dense(6, activation, 4).biasInitializer("random_normal"));
        model.add(new Activation(activation));
        model.add(new Dense(2, "sigmoid"));
        Path file = dir.resolve("model.json");
        model.save(file);
        Sequential loaded = Sequential.load(file);
        assertEquals(activation.name(), loaded.layers().get(0).activation().name());
        assertEquals(activation.config(), loaded.layers().get(0).activation().config());
        assertEquals(model.getWeights(), loaded.getWeights());
        INDArray x = Nd4j.rand(DataType.FLOAT, 7, 4).subi(0.5).muli(4);
        assertArrayEquals(model.predict(x).data().asFloat(), loaded.predict(x).data().asFloat());
    }

    @Test
    void initializersAndLayerSettingsRoundTrip() throws Exception {
        Sequential model = new Sequential("reviews").seed(4);
        model.add(new Dense(5, "selu", 3).kernelInitializer("lecun_normal").biasInitializer(new RandomUniform(-1, 1))
                .name("hidden"));
        model.add(new Dropout(0.25));
        model.add(new Dense(1).useBias(false).kernelInitializer("he_uniform"));
        Sequential loaded = ModelJson.fromJson(ModelJson.toJson(model));
        assertEquals("reviews", loaded.name());
        Dense hidden = (Dense) loaded.layers().get(0);
        assertEquals("hidden", hidden.name());
        assertEquals("lecun_normal", hidden.kernelInitializer().name());
        assertEquals(new RandomUniform(-1, 1), hidden.biasInitializer());
        assertEquals(0.25, ((dev.lamina.layers.Dropout) loaded.layers().get(1)).rate());
        assertEquals(false, ((Dense) loaded.layers().get(2)).usesBias());
        assertEquals(model.getWeights(), loaded.getWeights());
    }

    @ParameterizedTest(name = "{0}")
    @org.junit.jupiter.params.provider.ValueSource(strings = {"glorot_uniform", "glorot_normal", "he_normal",
        "he_uniform", "lecun_normal", "lecun_uniform", "random_normal", "random_uniform", "truncated_normal", "zeros",
        "ones", "constant", "variance_scaling"})
    void everyInitializerRoundTrips(String name) throws Exception {
        dev.lamina.core.init.Initializer initializer = name.equals("constant")
                ? new dev.lamina.core.init.Constant(0.25)
                : name.equals("variance_scaling") ? new dev.lamina.core.init.VarianceScaling(3.0,
                        dev.lamina.core.init.VarianceScaling.Mode.FAN_OUT,
                        dev.lamina.core.init.VarianceScaling.Distribution.UNTRUNCATED_NORMAL)
                : dev.lamina.core.init.Initializers.get(name);
        Sequential model = new Sequential().seed(6);
        model.add(new Dense(3, "relu", 2).kernelInitializer(initializer).biasInitializer(initializer));
        Sequential loaded = ModelJson.fromJson(ModelJson.toJson(model));
        Dense dense = (Dense) loaded.layers().get(0);
        assertEquals(initializer, dense.kernelInitializer());
        assertEquals(initializer, dense.biasInitializer());
        assertEquals(model.getWeights(), loaded.getWeights());
    }

    @Test
    void theFileUsesKerasModelConfigShape() {
        Sequential model = new Sequential();
        model.add(new Dense(16, "relu", 10));
        String json = ModelJson.toJson(model);
        assertTrue(json.contains("\"format\" : \"lamina-model\""), json);
        assertTrue(json.contains("\"class_name\" : \"Sequential\""), json);
        assertTrue(json.contains("\"kernel_initializer\" : {\n"), json);
        assertTrue(json.contains("\"class_name\" : \"GlorotUniform\""), json);
        assertTrue(json.contains("\"use_bias\" : true"), json);
        assertTrue(json.contains("\"batch_input_shape\" : [ null, 10 ]"), json);
    }

    static Stream<Optimizer> optimizers() {
        return Stream.of(new SGD(0.05, 0.9, true), new RMSprop(1e-2), new RMSprop(1e-2, 0.8, 0.5, 1e-6, true),
                new Adam(1e-2), new Adam(1e-2, 0.9, 0.99, 1e-7, true), new AdamW(1e-2, 0.01), new Adagrad(0.05),
                new Nadam(1e-2), new Adamax(1e-2), new Adadelta(1.0), new Lion(1e-3),
                new Ftrl(0.05, -0.5, 0.1, 0.001, 0.001, 0.001, 0.1), new SGD(0.05, 0.9, false).weightDecay(0.01),
                new Adam(1e-2).weightDecay(0.004),
                new SGD(0.05, 0.9, false).learningRateSchedule(new ExponentialDecay(0.05, 3, 0.5)),
                new Adam(1e-2).learningRateSchedule(new CosineDecay(0.0, 8, 0.1, 0.01, 3)),
                new RMSprop(1e-2).learningRateSchedule(new PiecewiseConstantDecay(new long[] {3, 6},
                        new double[] {0.01, 0.005, 0.001})),
                // Keras's use_ema and gradient_accumulation_steps: 8 steps end mid-accumulation for 3
                new Adam(1e-2).useEma(true), new SGD(0.05, 0.9, false).useEma(true).emaMomentum(0.9)
                        .emaOverwriteFrequency(3),
                new Nadam(1e-2).gradientAccumulationSteps(3), new Ftrl(0.05).gradientAccumulationSteps(3),
                new RMSprop(1e-2).useEma(true).emaMomentum(0.8).emaOverwriteFrequency(2).gradientAccumulationSteps(3)
                        .learningRateSchedule(new ExponentialDecay(1e-2, 3, 0.5)));
    }

    @Test
    void emaAndAccumulationAreSavedOnlyWhenSetWithTheirSlots() throws Exception {
        Sequential model = new Sequential().seed(2);
        model.add(new Dense(1, "sigmoid", 2));
        model.compile(new Adam(), "mse");
        String plain = ModelJson.toJson(model);
        for (String key : List.of("use_ema", "ema_momentum", "ema_overwrite_frequency",
                "gradient_accumulation_steps")) {
            assertTrue(!plain.contains(key), key + " is not written when unset");
        }
        model.compile(new Adam().useEma(true).gradientAccumulationSteps(2), "mse");
        INDArray x = Nd4j.rand(DataType.FLOAT, 3, 2);
        model.fit(x, x.getColumn(0).reshape(3, 1), FitOptions.epochs(1).batchSize(1).verbose(0));
        String json = ModelJson.toJson(model);
        assertTrue(json.contains("\"use_ema\" : 1.0") && json.contains("\"ema_momentum\" : 0.99")
                && json.contains("\"gradient_accumulation_steps\" : 2.0") && !json.contains("ema_overwrite"), json);
        assertTrue(json.contains("\"name\" : \"average\"") && json.contains("\"name\" : \"gradient_accumulator\""),
                "the slots are saved under Keras's names");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("optimizers")
    void resumedTrainingContinuesIdenticallyWithTheOptimizerState(Optimizer optimizer) throws Exception {
        INDArray x = Nd4j.rand(DataType.FLOAT, 64, 5);
        INDArray y = x.getColumn(0).gt(0.5).castTo(DataType.FLOAT).reshape(64, 1);
        Sequential model = new Sequential().seed(5);
        model.add(new Dense(8, "relu", 5));
        model.add(new Dense(1, "sigmoid"));
        model.compile(optimizer, "binary_crossentropy", "accuracy");
        FitOptions options = FitOptions.epochs(2).batchSize(16).shuffle(false).verbose(0);
        model.fit(x, y, options);
        Path file = dir.resolve("checkpoint.json");
        model.save(file);
        Sequential resumed = Sequential.load(file);
        assertEquals(optimizer.name(), resumed.optimizer().name());
        assertEquals(optimizer.config(), resumed.optimizer().config());
        assertEquals(optimizer.iterations(), resumed.optimizer().iterations());
        assertEquals(optimizer.learningRateSchedule(), resumed.optimizer().learningRateSchedule());
        model.fit(x, y, options);
        resumed.fit(x, y, options);
        assertEquals(model.getWeights(), resumed.getWeights());
        assertEquals(List.of("accuracy"), resumed.metricNames());
    }

    @Test
    void metricNamesAndAliasesAreSavedAsGiven() throws Exception {
        Sequential model = new Sequential();
        model.add(new Dense(1, "linear", 3));
        List<String> names = List.of("mae", "mean_squared_error", "rmse", "mape", "r2_score");
        model.compile("adam", "mse", names.toArray(String[]::new));
        Path file = dir.resolve("regression.json");
        model.save(file);
        assertEquals(names, Sequential.load(file).metricNames());
    }

    @Test
    void aScheduleAsKerasWritesItWithItsNameLoads() throws Exception {
        Sequential model = new Sequential().seed(3);
        model.add(new Dense(2, "sigmoid", 3));
        model.compile(new SGD(0.1).learningRateSchedule(new ExponentialDecay(0.1, 100, 0.5)), "binary_crossentropy");
        com.fasterxml.jackson.databind.node.ObjectNode doc = (com.fasterxml.jackson.databind.node.ObjectNode)
                ModelJson.mapper(ModelJson.DEFAULT_MAX_BYTES).readTree(ModelJson.toJson(model));
        ((com.fasterxml.jackson.databind.node.ObjectNode) doc.at("/compile_config/optimizer/config/learning_rate/config"))
                .put("name", "ExponentialDecay"); // Keras writes the schedule's name in its config
        Sequential loaded = ModelJson.fromJson(doc.toString());
        assertEquals(new ExponentialDecay(0.1, 100, 0.5), loaded.optimizer().learningRateSchedule());
    }

    @Test
    void savingReplacesTheFileAndLeavesNoTemporaryFiles() throws Exception {
        Sequential model = new Sequential();
        model.add(new Dense(2, "relu", 3));
        Path file = dir.resolve("m.json");
        model.save(file);
        model.save(file);
        try (Stream<Path> files = Files.list(dir)) {
            assertEquals(List.of(file), files.toList());
        }
    }

    @Test
    void float64ModelsRoundTripInFloat64() throws Exception {
        Sequential model = new Sequential().dataType(DataType.DOUBLE).seed(2);
        model.add(new Dense(3, "tanh", 2));
        Sequential loaded = ModelJson.fromJson(ModelJson.toJson(model));
        assertEquals(DataType.DOUBLE, loaded.dataType());
        assertEquals(model.getWeights(), loaded.getWeights());
    }
}
