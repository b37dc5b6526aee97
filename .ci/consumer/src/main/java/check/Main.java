package check;

import dev.lamina.layers.Dense;
import dev.lamina.layers.FitOptions;
import dev.lamina.layers.Sequential;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/** Trains, saves, loads and predicts with nothing but dev.lamina:lamina; exits 1 if the loaded model differs. */
public final class Main {

    public static void main(String[] args) throws Exception {
        Nd4j.getRandom().setSeed(7);
        INDArray x = Nd4j.rand(DataType.FLOAT, 64, 8);
        INDArray y = x.getColumn(0).gt(0.5).castTo(DataType.FLOAT).reshape(64, 1);

        Sequential model = new Sequential().seed(1);
        model.add(new Dense(4, "relu", 8));
        model.add(new Dense(1, "sigmoid"));
        model.compile("adam", "binary_crossentropy", "accuracy");
        model.fit(x, y, FitOptions.epochs(3).batchSize(16).verbose(0));

        Path file = Files.createTempFile("lamina-consumer", ".json");
        try {
            model.save(file);
            Sequential loaded = Sequential.load(file);
            float[][] expected = model.predict(x).toFloatMatrix();
            float[][] actual = loaded.predict(x).toFloatMatrix();
            if (!Arrays.deepEquals(expected, actual)) {
                System.err.println("consumer: the loaded model predicts differently from the saved one");
                System.exit(1);
            }
        } finally {
            Files.deleteIfExists(file);
        }
        System.out.println("consumer: dev.lamina:lamina trained, saved, loaded and predicted identically");
    }
}
