package dev.lamina.serialization;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.lamina.layers.FitOptions;
import dev.lamina.layers.Sequential;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.factory.Nd4j;

/** A file saved before non-trainable weights existed loads, and training resumes from it exactly as it did then. */
class GoldenFileTest {

    @TempDir
    Path dir;

    private Path resource(String name) throws Exception {
        Path file = dir.resolve(name);
        Files.write(file, GoldenFileTest.class.getResourceAsStream("/golden/" + name).readAllBytes());
        return file;
    }

    @Test
    void aModelSavedByTheVersionBeforeNonTrainableWeightsResumesBitForBit() throws Exception {
        float[][] x = new float[16][3];
        float[][] y = new float[16][1];
        for (int i = 0; i < 16; i++) {
            for (int j = 0; j < 3; j++) {
                x[i][j] = ((i * 7 + j * 3) % 11) / 8f - 0.5f;
            }
            y[i][0] = x[i][0] + x[i][1] > 0 ? 1 : 0;
        }
        Sequential model = Sequential.load(resource("model-before-non-trainable.json"));
        Sequential expected = Sequential.load(resource("model-before-non-trainable-resumed.json"));
        assertEquals(8L, model.optimizer().iterations());
        model.fit(Nd4j.createFromArray(x), Nd4j.createFromArray(y),
                FitOptions.epochs(1).batchSize(4).shuffle(false).verbose(0));
        assertEquals(expected.getWeights(), model.getWeights());
        assertEquals(expected.optimizer().state(), model.optimizer().state());
        assertEquals(ModelJson.toJson(expected), ModelJson.toJson(model), "and it saves as that version did");
    }
}
