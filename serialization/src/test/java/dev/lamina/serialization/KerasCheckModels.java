package dev.lamina.serialization;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.lamina.core.activation.Activations;
import dev.lamina.core.activation.LeakyRelu;
import dev.lamina.core.constraint.MaxNorm;
import dev.lamina.core.constraint.NonNeg;
import dev.lamina.core.constraint.UnitNorm;
import dev.lamina.core.optimizer.Adam;
import dev.lamina.core.optimizer.RMSprop;
import dev.lamina.core.optimizer.SGD;
import dev.lamina.core.regularizer.Regularizers;
import dev.lamina.layers.Activation;
import dev.lamina.layers.AlphaDropout;
import dev.lamina.layers.BatchNormalization;
import dev.lamina.layers.Dense;
import dev.lamina.layers.Dropout;
import dev.lamina.layers.ELU;
import dev.lamina.layers.FitOptions;
import dev.lamina.layers.Flatten;
import dev.lamina.layers.GaussianDropout;
import dev.lamina.layers.GaussianNoise;
import dev.lamina.layers.LeakyReLU;
import dev.lamina.layers.Normalization;
import dev.lamina.layers.PReLU;
import dev.lamina.layers.ReLU;
import dev.lamina.layers.Sequential;
import dev.lamina.layers.Softmax;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.ops.transforms.Transforms;

/**
 * Trains small models in Java and writes them as Keras files, with their inputs and Java's predictions, for
 * {@code tools/keras-check/check_keras_files.py} to open with real Keras. Not a unit test (Maven runs no Python);
 * {@code tools/keras-check/run} runs it.
 *
 * <pre>{@code
 * java -cp ... dev.lamina.serialization.KerasCheckModels target/keras-check
 * }</pre>
 *
 * <p>Per model NAME: {@code NAME.keras}, {@code NAME.weights.h5}, {@code NAME.json} (inputs, Java's predictions) and,
 * for the models without dropout, {@code NAME.after-step.weights.h5}: the weights after one more full-batch training
 * step in Java, which Keras must reproduce from the saved optimizer state.
 */
public final class KerasCheckModels {

    private KerasCheckModels() {
    }

    public static void main(String[] args) throws IOException {
        Path out = Path.of(args.length > 0 ? args[0] : "target/keras-check");
        writeAll(out);
        System.out.println("Wrote the check models to " + out.toAbsolutePath());
    }

    /** Trains the check models and writes each as {@code .keras}, {@code .weights.h5} and its predictions. */
    static void writeAll(Path out) throws IOException {
        Files.createDirectories(out);
        // the same function is registered in Python as ma_fonction (Custom>ma_fonction)
        Activations.register("ma_fonction", x -> x.mul(Transforms.sigmoid(x.mul(1.5))));
        Nd4j.getRandom().setSeed(7);
        INDArray x = Nd4j.rand(DataType.FLOAT, 64, 8).subi(0.5).muli(4);
        INDArray binary = x.getColumn(0).add(x.getColumn(1)).gt(0.0).castTo(DataType.FLOAT).reshape(64, 1);
        INDArray classes = Nd4j.zeros(DataType.FLOAT, 64, 3);
        for (int i = 0; i < 64; i++) {
            classes.putScalar(i, (int) Math.floorMod(Math.round(x.getDouble(i, 2) * 2), 3), 1f);
        }

        Sequential a = new Sequential("lamina_binary").seed(1);
        a.add(new Dense(16, "relu", 8));
        a.add(new Dropout(0.2));
        a.add(new Dense(8, Activations.get("ma_fonction")));
        a.add(new Activation(new LeakyRelu(0.1)));
        a.add(new Dense(4, Activations.relu(0.0, 6.0, 0.0)));
        a.add(new Dense(1, "sigmoid"));
        a.compile(new RMSprop(0.01), "binary_crossentropy", "accuracy");
        a.fit(x, binary, FitOptions.epochs(5).batchSize(16).verbose(0));
        write(out, "a_rmsprop_binary", a, x, binary, false);

        Sequential b = new Sequential("lamina_softmax").seed(2);
        b.add(new Dense(12, "tanh", 8));
        b.add(new Dense(6, "ma_fonction"));
        b.add(new Dense(3, "softmax"));
        b.compile(new Adam(0.01), "categorical_crossentropy", "accuracy");
        b.fit(x, classes, FitOptions.epochs(4).batchSize(16).verbose(0));
        write(out, "b_adam_categorical", b, x, classes, true);

        Sequential c = new Sequential("lamina_sgd").seed(3);
        c.add(new Dense(10, "elu", 8));
        c.add(new Activation("relu"));
        c.add(new Dense(1));
        c.compile(new SGD(0.01, 0.9, false), "mse");
        c.fit(x, binary, FitOptions.epochs(3).batchSize(16).verbose(0));
        write(out, "c_sgd_momentum_mse", c, x, binary, true);

        Sequential e = new Sequential("lamina_rmsprop_centered").seed(5);
        e.add(new Dense(7, "sigmoid", 8));
        e.add(new Dense(1, "sigmoid"));
        e.compile(new RMSprop(0.01, 0.9, 0.5, 1e-7, true), "binary_crossentropy");
        e.fit(x, binary, FitOptions.epochs(3).batchSize(16).verbose(0));
        write(out, "e_rmsprop_centered_momentum", e, x, binary, true);

        Sequential f = new Sequential("lamina_float64").seed(6).dataType(DataType.DOUBLE);
        f.add(new Dense(6, "softplus", 8));
        f.add(new Dense(1, "sigmoid"));
        f.compile("adam", "binary_crossentropy");
        f.fit(x.castTo(DataType.DOUBLE), binary.castTo(DataType.DOUBLE), FitOptions.epochs(2).batchSize(16).verbose(0));
        write(out, "f_float64", f, x.castTo(DataType.DOUBLE), binary.castTo(DataType.DOUBLE), false);

        // batch normalization trained in Java (moving statistics far from their zeros/ones start), one without
        // gamma and beta, a regularized gamma
        Sequential g = new Sequential("lamina_batchnorm").seed(8);
        g.add(new Dense(16, "linear", 8));
        g.add(new BatchNormalization().momentum(0.8).gammaRegularizer(Regularizers.l2(0.01)));
        g.add(new Activation("relu"));
        g.add(new Dense(6, "tanh"));
        g.add(new BatchNormalization().center(false).scale(false).epsilon(0.01));
        g.add(new Dense(1, "sigmoid"));
        g.compile(new Adam(0.01), "binary_crossentropy");
        g.fit(x, binary, FitOptions.epochs(6).batchSize(16).verbose(0));
        write(out, "g_batchnorm", g, x, binary, true);

        // adapted Normalization, regularizers and constraints; then a Dense and a BatchNormalization frozen, so the
        // optimizer's slots cover the other layers' trainable weights only
        Normalization norm = new Normalization().adapt(x.mul(3).addi(1));
        Sequential h = new Sequential("lamina_frozen").seed(9);
        h.add(norm);
        h.add(new Dense(12, "relu").kernelRegularizer(Regularizers.l2(0.01))
                .biasRegularizer(Regularizers.l1l2(0.001, 0.002)).kernelConstraint(new MaxNorm(1.5, 0))
                .biasConstraint(new NonNeg()));
        h.add(new BatchNormalization());
        h.add(new Dense(8, "linear").kernelRegularizer(Regularizers.l1(0.001)).kernelConstraint(new UnitNorm(0)));
        h.add(new PReLU().alphaInitializer("ones"));
        h.add(new Dense(1, "sigmoid"));
        h.compile(new Adam(0.01), "binary_crossentropy");
        h.fit(x.mul(3).addi(1), binary, FitOptions.epochs(3).batchSize(16).verbose(0));
        h.layers().get(1).trainable(false);
        h.layers().get(2).trainable(false);
        h.fit(x.mul(3).addi(1), binary, FitOptions.epochs(2).batchSize(16).verbose(0));
        write(out, "h_frozen_regularized", h, x.mul(3).addi(1), binary, true);

        // Normalization with config statistics and every element-wise layer (noise layers pass values at inference)
        double[] mean = new double[8];
        double[] variance = new double[8];
        for (int j = 0; j < 8; j++) {
            mean[j] = 0.1 * j;
            variance[j] = 1.0 + 0.5 * j;
        }
        Sequential i = new Sequential("lamina_elementwise").seed(10);
        i.add(new Normalization(mean, variance));
        i.add(new Dense(10, "linear").activityRegularizer(Regularizers.l2(0.001)));
        i.add(new LeakyReLU(0.1));
        i.add(new Dense(8, "linear"));
        i.add(new ReLU(6.0, 0.1, 0.05));
        i.add(new ELU(0.7));
        i.add(new GaussianNoise(0.1));
        i.add(new Dense(6, "linear"));
        i.add(new PReLU());
        i.add(new GaussianDropout(0.1));
        i.add(new AlphaDropout(0.1));
        i.add(new Flatten());
        i.add(new Dense(3, "linear"));
        i.add(new Softmax());
        i.compile(new SGD(0.05, 0.9, false), "categorical_crossentropy", "accuracy");
        i.fit(x, classes, FitOptions.epochs(4).batchSize(16).verbose(0));
        write(out, "i_elementwise", i, x, classes, false);

        Sequential d = new Sequential("lamina_untrained").seed(4);
        d.add(new Dense(5, "selu", 8));
        d.add(new Dense(2, "softmax"));
        write(out, "d_not_compiled", d, x, null, false);
    }

    private static void write(Path out, String name, Sequential model, INDArray x, INDArray y, boolean step)
            throws IOException {
        model.save(out.resolve(name + ".keras"));
        model.saveWeights(out.resolve(name + ".weights.h5"));
        ObjectNode record = new ObjectMapper().createObjectNode();
        record.set("x", matrix(x));
        record.set("predictions", matrix(model.predict(x)));
        if (y != null) {
            record.set("y", matrix(y));
        }
        if (step) {
            model.fit(x, y, FitOptions.epochs(1).batchSize((int) x.rows()).shuffle(false).verbose(0));
            model.saveWeights(out.resolve(name + ".after-step.weights.h5"));
        }
        Files.writeString(out.resolve(name + ".json"), record.toString());
    }

    private static ArrayNode matrix(INDArray array) {
        ArrayNode rows = new ObjectMapper().createArrayNode();
        for (int i = 0; i < array.rows(); i++) {
            ArrayNode row = rows.addArray();
            for (int j = 0; j < array.columns(); j++) {
                if (array.dataType() == DataType.DOUBLE) {
                    row.add(array.getDouble(i, j));
                } else {
                    row.add(array.getFloat(i, j)); // the exact float32 value
                }
            }
        }
        return rows;
    }
}
