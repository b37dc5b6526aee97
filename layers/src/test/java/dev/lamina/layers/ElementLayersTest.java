package dev.lamina.layers;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.lamina.core.optimizer.SGD;
import java.util.List;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.function.Executable;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.ops.transforms.Transforms;

/** Defaults, validation, naming, building, seeding and the Java inference path of the element-wise layers. */
class ElementLayersTest {

    @RegisterExtension
    final CapturedLog log = new CapturedLog();

    private static float[] predictRow(Layer layer, float... row) {
        return new Sequential().add(new InputLayer(row.length)).add(layer).predict(row);
    }

    @Test
    void leakyReluLayerDefaultsToSlopePointThree() {
        assertEquals(0.3, new LeakyReLU().negativeSlope());
        assertArrayEquals(new float[] {-0.3f, 0f, 2f}, predictRow(new LeakyReLU(), -1f, 0f, 2f), 1e-7f);
    }

    @Test
    void reluLayerDefaultsToThePlainRectifier() {
        ReLU relu = new ReLU();
        assertEquals(Double.POSITIVE_INFINITY, relu.maxValue());
        assertEquals(0.0, relu.negativeSlope());
        assertEquals(0.0, relu.threshold());
        assertArrayEquals(new float[] {0f, 0f, 7f}, predictRow(relu, -1f, 0f, 7f));
        assertArrayEquals(new float[] {0f, 6f}, predictRow(new ReLU(6.0), -1f, 7f));
    }

    @Test
    void eluLayerDefaultsToAlphaOne() {
        assertEquals(1.0, new ELU().alpha());
        assertArrayEquals(new float[] {(float) Math.expm1(-1), 2f}, predictRow(new ELU(), -1f, 2f), 1e-7f);
    }

    @Test
    void softmaxLayerNormalisesEachRow() {
        assertEquals(-1, new Softmax().axis());
        assertArrayEquals(new float[] {0.09003057f, 0.24472847f, 0.66524096f},
                predictRow(new Softmax(1), 1000f, 1001f, 1002f), 1e-6f);
    }

    private static void assertRefused(Executable construction, String... fragments) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, construction);
        for (String fragment : fragments) {
            assertTrue(e.getMessage().contains(fragment), e.getMessage());
        }
    }

    @Test
    void invalidArgumentsAreRefusedNamingTheValue() {
        assertRefused(() -> new LeakyReLU(-0.1), "LeakyReLU", "negative_slope=-0.1");
        assertRefused(() -> new ReLU(-1.0), "ReLU", "max_value=-1.0");
        assertRefused(() -> new ReLU(6.0, -0.1, 0.0), "negative_slope=-0.1");
        assertRefused(() -> new ReLU(6.0, 0.0, -1.0), "threshold=-1.0");
        assertRefused(() -> new ELU(Double.NaN), "ELU", "alpha=NaN");
        assertRefused(() -> new Softmax(0), "across the batch", "axis=0", "new Softmax()");
        assertRefused(() -> new GaussianNoise(1.5), "between 0 and 1", "stddev=1.5");
        assertRefused(() -> new GaussianDropout(1.0), "0 <= rate < 1", "rate=1.0");
        assertRefused(() -> new AlphaDropout(-0.1), "0 <= rate < 1", "rate=-0.1");
        assertRefused(() -> new Flatten("channels_middle"), "channels_last", "channels_middle");
        assertRefused(() -> new InputLayer(0), "positive number of features", "features=0");
    }

    @Test
    void layersAreNamedAsKerasNamesThem() {
        Sequential model = new Sequential(new InputLayer(4), new LeakyReLU(), new ReLU(), new PReLU(), new ELU(),
                new GaussianNoise(0.1), new GaussianDropout(0.1), new AlphaDropout(0.1), new Flatten(), new Softmax(),
                new LeakyReLU());
        assertEquals(List.of("leaky_re_lu", "re_lu", "p_re_lu", "elu", "gaussian_noise", "gaussian_dropout",
                "alpha_dropout", "flatten", "softmax", "leaky_re_lu_1"),
                model.layers().stream().map(Layer::name).toList());
        assertEquals("leaky_re_lu", LayerStack.snakeCase("LeakyReLU"));
        assertEquals("batch_normalization", LayerStack.snakeCase("BatchNormalization"));
    }

    @Test
    void summaryShowsEachLayerAndWrapsLongNamesLikeKeras() {
        Sequential model = new Sequential(new InputLayer(4), new PReLU(), new GaussianDropout(0.2), new Softmax());
        String text = model.summaryText();
        assertTrue(text.contains("│ p_re_lu (PReLU)              │ (None, 4)        │            4 │"), text);
        assertTrue(text.contains("│ gaussian_dropout             │ (None, 4)        │            0 │\n"
                + "│ (GaussianDropout)            │                  │              │"), text);
        assertTrue(text.contains("│ softmax (Softmax)            │ (None, 4)        │            0 │"), text);
        assertTrue(text.contains("Total params: 4 (16.00 B)"), text);
        assertFalse(text.contains("InputLayer"), text);
        assertEquals(List.of("gaussian", "dropout_0123"), ModelSummary.wrap("gaussian dropout_0123", 12));
        assertEquals(List.of("abcdef", "ghij"), ModelSummary.wrap("abcdefghij", 6));
    }

    @Test
    void inputLayerDeclaresTheWidthAndIsNotOneOfTheLayers() {
        Sequential model = new Sequential(new InputLayer(4), new LeakyReLU(), new Dense(2));
        assertTrue(model.isBuilt());
        assertEquals(2, model.layers().size());
        assertEquals(4, model.inputSize());
        assertEquals(4, model.layers().get(1).inputSize());
        Sequential added = new Sequential().add(new InputLayer(4));
        assertFalse(added.isBuilt());
        added.add(new Dense(3, "relu"));
        assertTrue(added.isBuilt());
        assertEquals(15, added.countParams());
    }

    @Test
    void inputLayerMustComeFirstOnceAndAgreeWithTheFirstDense() {
        Sequential late = new Sequential(new Dense(2, "relu", 4));
        assertRefused(() -> late.add(new InputLayer(4)), "must come before the first layer", "dense");
        Sequential twice = new Sequential().add(new InputLayer(4));
        assertRefused(() -> twice.add(new InputLayer(4)), "already declares an input of 4 columns");
        Sequential model = new Sequential().add(new InputLayer(4));
        assertRefused(() -> model.add(new Dense(2, "relu", 5)), "inputDim=5", "InputLayer gives 4");
    }

    @Test
    void weightlessLayersWorkInAnyPositionIncludingFirst() {
        Sequential model = new Sequential().seed(2);
        model.add(new ReLU());
        model.add(new Dense(3, "linear"));
        model.add(new PReLU());
        model.add(new AlphaDropout(0.1));
        model.add(new Dense(1, "sigmoid"));
        assertFalse(model.isBuilt());
        model.compile("adam", "binary_crossentropy");
        INDArray x = Nd4j.rand(DataType.FLOAT, 20, 5);
        INDArray y = x.getColumn(0).gt(0.5).castTo(DataType.FLOAT).reshape(20, 1);
        model.fit(x, y, FitOptions.epochs(2).verbose(0));
        assertTrue(model.isBuilt());
        assertArrayEquals(new long[] {20, 1}, model.predict(x).shape());
        assertEquals(5 * 3 + 3 + 3 + 3 + 1, model.countParams());
    }

    @Test
    void sparseRowsStillNeedAFirstDenseLayer() {
        Sequential model = new Sequential(new InputLayer(5), new LeakyReLU(), new Dense(1));
        SparseRows rows = SparseRows.multiHot(5, new int[][] {{0, 3}});
        assertRefused(() -> model.predict(rows), "first layer must be Dense", "LeakyReLU");
        assertRefused(() -> model.predict(new int[] {1}, null), "only an input of a first Dense layer");
    }

    /** The training output of the noise layer in a model [Dense(8) from 3 columns, layer]. */
    private static INDArray noisyOutput(Long modelSeed, NoiseLayer layer) {
        Sequential model = new Sequential();
        if (modelSeed != null) {
            model.seed(modelSeed);
        }
        model.add(new Dense(8, "linear", 3)).add(layer);
        return Pass.nd4j(layer.preActivation(new Batch.Dense(Nd4j.ones(DataType.FLOAT, 4, 8)), true)).dup();
    }

    static Stream<Arguments> noiseLayers() {
        return Stream.of(
                Arguments.of("GaussianNoise", (Supplier<NoiseLayer>) () -> new GaussianNoise(0.2),
                        (Supplier<NoiseLayer>) () -> new GaussianNoise(0.2).seed(99)),
                Arguments.of("GaussianDropout", (Supplier<NoiseLayer>) () -> new GaussianDropout(0.2),
                        (Supplier<NoiseLayer>) () -> new GaussianDropout(0.2).seed(99)),
                Arguments.of("AlphaDropout", (Supplier<NoiseLayer>) () -> new AlphaDropout(0.2),
                        (Supplier<NoiseLayer>) () -> new AlphaDropout(0.2).seed(99)));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("noiseLayers")
    void noiseIsSeededFromTheModelSeedOrTheLayerSeed(String name, Supplier<NoiseLayer> plain,
                                                     Supplier<NoiseLayer> seeded) {
        assertEquals(noisyOutput(1L, plain.get()), noisyOutput(1L, plain.get()));
        assertNotEquals(noisyOutput(1L, plain.get()), noisyOutput(2L, plain.get()));
        assertEquals(noisyOutput(1L, seeded.get()), noisyOutput(2L, seeded.get()));
        assertEquals(noisyOutput(null, seeded.get()), noisyOutput(3L, seeded.get()));
        assertEquals(99L, seeded.get().seed());
        // a layer seed leaves the model's later weights as they were
        Sequential a = new Sequential().seed(4).add(new Dense(3, "linear", 2)).add(plain.get()).add(new Dense(2));
        Sequential b = new Sequential().seed(4).add(new Dense(3, "linear", 2)).add(seeded.get()).add(new Dense(2));
        assertEquals(a.getWeights(), b.getWeights());
    }

    @Test
    void noiseLayersAtRateZeroChangeNothingInTraining() {
        INDArray x = Nd4j.rand(DataType.FLOAT, 4, 8);
        for (NoiseLayer layer : List.of(new GaussianNoise(0), new GaussianDropout(0), new AlphaDropout(0))) {
            new Sequential().add(new InputLayer(8)).add(layer);
            assertEquals(x, Pass.nd4j(layer.preActivation(new Batch.Dense(x), true)), layer.toString());
        }
    }

    static Stream<Arguments> everyLayer() {
        return Stream.of(
                Arguments.of((Supplier<Layer>) LeakyReLU::new), Arguments.of((Supplier<Layer>) () -> new ReLU(1.0)),
                Arguments.of((Supplier<Layer>) () -> new ReLU(2.0, 0.1, 0.2)), Arguments.of((Supplier<Layer>) ELU::new),
                Arguments.of((Supplier<Layer>) Softmax::new),
                Arguments.of((Supplier<Layer>) () -> new PReLU().alphaInitializer("random_uniform")),
                Arguments.of((Supplier<Layer>) Flatten::new),
                Arguments.of((Supplier<Layer>) () -> new GaussianNoise(0.5)),
                Arguments.of((Supplier<Layer>) () -> new GaussianDropout(0.5)),
                Arguments.of((Supplier<Layer>) () -> new AlphaDropout(0.5)));
    }

    @ParameterizedTest
    @MethodSource("everyLayer")
    void fewRowInferenceInJavaGivesWhatNd4jGives(Supplier<Layer> layer) {
        Sequential model = new Sequential().seed(6).add(new Dense(5, "linear", 4)).add(layer.get())
                .add(new Dense(3, "linear"));
        assertTrue(Pass.runsInJava(model.layers()));
        INDArray x = Nd4j.rand(DataType.FLOAT, 16, 4).subi(0.5).muli(6);
        INDArray nd4j = model.predict(x);   // 16 rows: ND4J
        for (int r = 0; r < 16; r++) {
            float[] java = model.predict(x.getRow(r).toFloatVector());   // one row: Java
            assertArrayEquals(nd4j.getRow(r).toFloatVector(), java, 1e-5f, model.layers().get(1) + " row " + r);
        }
    }

    @Test
    void preluLearnsTheSlopesOfItsData() {
        Sequential model = new Sequential().seed(1).add(new InputLayer(2)).add(new PReLU());
        model.compile(new SGD(0.5), "mse");
        INDArray x = Nd4j.rand(DataType.FLOAT, 200, 2).subi(0.5).muli(4);
        INDArray slopes = Nd4j.createFromArray(0.25f, -0.5f);
        INDArray negative = x.lt(0).castTo(DataType.FLOAT);
        INDArray y = x.mul(negative.mulRowVector(slopes).addi(negative.rsub(1)));
        model.fit(x, y, FitOptions.epochs(30).verbose(0));
        assertArrayEquals(new float[] {0.25f, -0.5f}, model.getWeights().get(0).toFloatVector(), 1e-3f);
    }

    @Test
    void preluVarianceScalingUsesKerasFansOfAOneDimensionalWeight() {
        // Keras's compute_fans gives a weight of shape [n] fan_in = fan_out = n: glorot_uniform's limit is
        // sqrt(6 / (n + n)) and he_normal's stddev sqrt(2 / n) (Keras 3.15.1 printed a max of 0.012246 and a
        // stddev of 0.00999 for n = 20000)
        int n = 20000;
        PReLU glorot = new PReLU().alphaInitializer("glorot_uniform");
        new Sequential().seed(1).add(new InputLayer(n)).add(glorot);
        double limit = Math.sqrt(3.0 / n);
        double max = Transforms.abs(glorot.alpha(), true).maxNumber().doubleValue();
        assertTrue(max <= limit && max > 0.999 * limit, max + " against the limit " + limit);
        PReLU he = new PReLU().alphaInitializer("he_normal");
        new Sequential().seed(1).add(new InputLayer(n)).add(he);
        assertEquals(Math.sqrt(2.0 / n), he.alpha().stdNumber().doubleValue(), 0.0003);
    }

    @Test
    void softmaxLayerTrainsExactlyLikeADenseSoftmax() {
        Sequential layer = new Sequential().seed(8).dataType(DataType.DOUBLE);
        layer.add(new Dense(3, "linear", 4)).add(new Softmax());
        Sequential dense = new Sequential().seed(8).dataType(DataType.DOUBLE).add(new Dense(3, "softmax", 4));
        INDArray x = Nd4j.rand(DataType.DOUBLE, 30, 4);
        INDArray y = Nd4j.eye(3).castTo(DataType.DOUBLE).repeat(0, 10);
        for (Sequential model : List.of(layer, dense)) {
            model.compile(new SGD(0.1), "categorical_crossentropy");
            model.fit(x, y, FitOptions.epochs(3).batchSize(10).shuffle(false).verbose(0));
        }
        assertEquals(dense.getWeights(), layer.getWeights());
    }

    @Test
    void outputChecksLookThroughLayersThatPassValuesThrough() {
        Sequential model = new Sequential(new InputLayer(4), new Dense(1, "sigmoid"), new GaussianNoise(0.1),
                new Flatten());
        model.compile("adam", "binary_crossentropy");
        assertEquals(List.of(), model.warnings());
    }

    @Test
    void seluWithDropoutIsToldToUseAlphaDropout() {
        Sequential dropout = new Sequential(new InputLayer(4), new Dense(8, "selu").kernelInitializer("lecun_normal"),
                new Dropout(0.1), new Dense(1, "sigmoid"));
        dropout.compile("adam", "binary_crossentropy");
        Sequential alpha = new Sequential(new InputLayer(4), new Dense(8, "selu").kernelInitializer("lecun_normal"),
                new AlphaDropout(0.1), new Dense(1, "sigmoid"));
        alpha.compile("adam", "binary_crossentropy");
        assertEquals(List.of(), alpha.warnings());
        log.assertWarnings("Fix: use new AlphaDropout(0.1)");
    }
}
