package dev.lamina.layers;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.lamina.core.optimizer.SGD;
import dev.lamina.core.regularizer.L1L2;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * BatchNormalization against Keras 3.15.1's numbers (keras-reference/make_reference.py, section A) and against float64
 * central differences of the training loss.
 */
class BatchNormalizationTest {

    static final float[] GAMMA = {1.5f, 0.5f, -1.0f};
    static final float[] BETA = {0.25f, -0.5f, 1.0f};
    static final float[] MOVING_MEAN = {0.1f, -0.2f, 0.3f};
    static final float[] MOVING_VARIANCE = {1.2f, 0.8f, 2.0f};

    static Sequential model() {
        Sequential model = new Sequential().add(new BatchNormalization().momentum(0.9).inputDim(3));
        model.setWeights(List.of(Nd4j.createFromArray(GAMMA), Nd4j.createFromArray(BETA),
                Nd4j.createFromArray(MOVING_MEAN), Nd4j.createFromArray(MOVING_VARIANCE)));
        model.compile(new SGD(0.0), "mse");
        return model;
    }

    static INDArray x() {
        return Nd4j.createFromArray(KerasReferenceFitTest.X);
    }

    @Test
    void inferenceUsesTheMovingStatisticsAsKerasDoes() {
        float[] expected = {0.7974944114685059f, -1.0866013765335083f, -0.20178115367889404f, 2.1662302017211914f,
            -0.24859942495822906f, 1.5655441284179688f, -0.9134255647659302f, 0.17040154337882996f,
            1.1237127780914307f, 3.192782402038574f, -0.6676003932952881f, 0.5051489472389221f,
            0.11312639713287354f, 0.03073456883430481f, 2.2724742889404297f, 1.4818624258041382f,
            -1.5056023597717285f, 0.8586139678955078f};
        Sequential model = model();
        INDArray inJava = model.predict(x()); // 6 rows: the Java path
        INDArray twice = Nd4j.vstack(x(), x()); // 12 rows: ND4J
        INDArray inNd4j = model.predict(twice);
        assertArrayEquals(expected, inJava.data().asFloat(), 1e-6f);
        assertArrayEquals(inJava.data().asFloat(), java.util.Arrays.copyOf(inNd4j.dup().data().asFloat(), 18));
    }

    @Test
    void trainingNormalizesWithTheBatchStatisticsAndUpdatesTheMovingOnesWithMomentum() {
        Sequential model = model();
        Backprop backprop = new Backprop(model);
        INDArray out = new Pass(model.layers()).forward(new Batch.Dense(x()));
        assertArrayEquals(new float[] {-0.13286572694778442f, -0.9457578659057617f, -0.5642833709716797f,
            1.398597240447998f, -0.24804988503456116f, 1.697331190109253f, -2.047194480895996f,
            0.10080409049987793f, 1.131927490234375f, 2.547194480895996f, -0.5969038605690002f,
            0.34036242961883545f, -0.898597240447998f, -0.015480577945709229f, 2.6019768714904785f,
            0.6328657865524292f, -1.2946118116378784f, 0.792685329914093f}, out.dup().data().asFloat(), 1e-5f);
        backprop.compute(new Batch.Dense(x()), Nd4j.zeros(DataType.FLOAT, 6, 3), null);
        BatchNormalization bn = (BatchNormalization) model.layers().get(0);
        assertArrayEquals(MOVING_MEAN, bn.movingMean().dup().data().asFloat(), "written at the step, not before");
        model.weights().step(model.optimizer());
        assertArrayEquals(new float[] {0.16499999165534973f, -0.20916666090488434f, 0.2970833480358124f},
                bn.movingMean().dup().data().asFloat(), 1e-6f);
        assertArrayEquals(new float[] {1.1758333444595337f, 0.8354513645172119f, 1.9220919609069824f},
                bn.movingVariance().dup().data().asFloat(), 1e-6f);
        assertArrayEquals(new float[] {0.16499999165534973f, -0.20916666090488434f, 0.2970833480358124f},
                java.util.Arrays.copyOfRange(model.weights().host(), 6, 9), 1e-6f,
                "the Java copy of the weights follows");
    }

    @Test
    void aFrozenLayerNormalizesWithItsMovingStatisticsInTrainingAndKeepsThem() {
        Sequential model = model();
        model.layers().get(0).trainable(false);
        INDArray out = new Pass(model.layers()).forward(new Batch.Dense(x()));
        assertArrayEquals(model.predict(x()).data().asFloat(), out.dup().data().asFloat(), 1e-6f);
        model.fit(x(), Nd4j.zeros(DataType.FLOAT, 6, 3), FitOptions.epochs(2).batchSize(3).verbose(0));
        BatchNormalization bn = (BatchNormalization) model.layers().get(0);
        assertArrayEquals(MOVING_MEAN, bn.movingMean().dup().data().asFloat());
        assertArrayEquals(MOVING_VARIANCE, bn.movingVariance().dup().data().asFloat());
    }

    @Test
    void weightsAreGammaBetaThenTheNonTrainableMovingStatistics() {
        BatchNormalization bn = new BatchNormalization();
        Sequential model = new Sequential().add(new Dense(2, "relu", 3)).add(bn);
        assertEquals(List.of("gamma", "beta", "moving_mean", "moving_variance"), bn.weightNames());
        assertEquals(2, bn.trainableWeights().size());
        assertEquals(2, bn.nonTrainableWeights().size());
        assertEquals(16, model.countParams());
        assertEquals(12, model.countTrainableParams());
        assertTrue(model.summaryText().contains("Non-trainable params: 4 (16.00 B)"), model.summaryText());
        assertTrue(model.summaryText().contains(" Trainable params: 12 (48.00 B)"), model.summaryText());
        BatchNormalization initialized = new BatchNormalization().gammaInitializer("zeros")
                .movingVarianceInitializer("constant");
        new Sequential().add(new Dense(2, "relu", 3)).add(initialized);
        assertArrayEquals(new float[] {0f, 0f}, initialized.gamma().dup().data().asFloat());
        assertArrayEquals(new float[] {0f, 0f}, initialized.movingVariance().dup().data().asFloat());
        BatchNormalization bare = new BatchNormalization().center(false).scale(false);
        new Sequential().add(new Dense(2, "relu", 3)).add(bare);
        assertEquals(List.of("moving_mean", "moving_variance"), bare.weightNames());
        assertEquals(0, bare.trainableParameterCount());
    }

    @Test
    void layersAreNamedAsKerasNamesThem() {
        Sequential model = new Sequential().add(new Dense(2, "relu", 3)).add(new BatchNormalization())
                .add(new BatchNormalization());
        assertEquals(List.of("dense", "batch_normalization", "batch_normalization_1"),
                model.layers().stream().map(Layer::name).toList());
        assertEquals("leaky_re_lu", LayerStack.snakeCase("LeakyReLU"));
        assertEquals("p_re_lu", LayerStack.snakeCase("PReLU"));
    }

    @Test
    void badSettingsAreClearErrors() {
        IllegalArgumentException momentum = assertThrows(IllegalArgumentException.class,
                () -> new BatchNormalization().momentum(1.5));
        assertTrue(momentum.getMessage().contains("momentum=1.5"), momentum.getMessage());
        assertThrows(IllegalArgumentException.class, () -> new BatchNormalization().epsilon(0));
        BatchNormalization built = new BatchNormalization();
        new Sequential().add(new Dense(2, "relu", 3)).add(built);
        IllegalStateException late = assertThrows(IllegalStateException.class, () -> built.momentum(0.5));
        assertTrue(late.getMessage().contains("already built"), late.getMessage());
    }

    @ParameterizedTest(name = "center={0}, scale={1}, trainable={2}")
    @CsvSource({"true,true,true", "false,true,true", "true,false,true", "false,false,true", "true,true,false"})
    void backpropMatchesCentralDifferencesOfTheTrainingLoss(boolean center, boolean scale, boolean trainable) {
        Sequential model = new Sequential().dataType(DataType.DOUBLE).seed(3);
        model.add(new Dense(4, "tanh", 3).biasInitializer("random_normal"));
        BatchNormalization bn = new BatchNormalization().center(center).scale(scale)
                .gammaRegularizer(new L1L2(0.01, 0.02)).betaRegularizer(new L1L2(0.0, 0.03)).trainable(trainable);
        model.add(bn);
        model.add(new Dense(2, "linear").biasInitializer("random_normal"));
        model.compile(new SGD(), "mse");
        Random random = new Random(5);
        if (scale) { // gamma away from 1 and beta away from 0, so that their regularizer gradients are not at a kink
            bn.gamma().assign(Nd4j.createFromArray(new double[] {1.3, -0.7, 0.9, 1.1}));
        }
        if (center) {
            bn.beta().assign(Nd4j.createFromArray(new double[] {0.2, -0.1, 0.3, -0.4}));
        }
        bn.movingMean().assign(Nd4j.createFromArray(new double[] {0.1, -0.2, 0.05, 0.3}));
        bn.movingVariance().assign(Nd4j.createFromArray(new double[] {0.8, 1.3, 0.5, 1.1}));
        model.weights().changed();
        double[][] xs = new double[6][3];
        double[][] ys = new double[6][2];
        for (int i = 0; i < 6; i++) {
            for (int j = 0; j < 3; j++) {
                xs[i][j] = random.nextGaussian();
            }
            ys[i][0] = random.nextGaussian();
            ys[i][1] = random.nextGaussian();
        }
        INDArray x = Nd4j.createFromArray(xs);
        INDArray y = Nd4j.createFromArray(ys);
        Backprop backprop = new Backprop(model);
        backprop.compute(new Batch.Dense(x), y, null);
        INDArray analytic = model.weights().gradients().dup();
        INDArray params = model.weights().parameters();
        long trainableLength = model.countTrainableParams();
        double h = 1e-6;
        for (long i = 0; i < trainableLength; i++) {
            double original = params.getDouble(i);
            params.putScalar(i, original + h);
            double plus = backprop.compute(new Batch.Dense(x), y, null).loss();
            params.putScalar(i, original - h);
            double minus = backprop.compute(new Batch.Dense(x), y, null).loss();
            params.putScalar(i, original);
            double numeric = (plus - minus) / (2 * h);
            double got = analytic.getDouble(i);
            assertTrue(Math.abs(numeric - got) <= 1e-6 + 1e-4 * Math.abs(numeric),
                    "parameter " + i + ": backprop " + got + ", finite differences " + numeric);
        }
    }
}
