package dev.lamina.serialization;

import dev.lamina.layers.ModelStore;
import dev.lamina.layers.Sequential;
import java.io.IOException;
import java.nio.file.Path;

/**
 * The {@link ModelStore} behind {@code Sequential.save}, {@code saveWeights} and {@code load}: saves Lamina's JSON
 * file, or Keras 3's {@code .keras} archive when the file name ends in {@code .keras}; loads those or a Keras
 * {@code .h5} file, the format recognised from the content.
 *
 * <pre>{@code
 * model.save(Path.of("reviews.json"));          // Lamina's JSON, through ServiceLoader
 * model.save(Path.of("reviews.keras"));         // Keras 3's archive (KerasArchiveWriter)
 * model.saveWeights(Path.of("reviews.weights.h5"));
 * }</pre>
 */
public final class JsonModelStore implements ModelStore {

    @Override
    public void save(Sequential model, Path path) throws IOException {
        if (KerasArchiveWriter.isArchive(path)) {
            KerasArchiveWriter.save(model, path);
        } else {
            ModelJson.save(model, path);
        }
    }

    @Override
    public void saveWeights(Sequential model, Path path) throws IOException {
        KerasArchiveWriter.saveWeights(model, path);
    }

    @Override
    public Sequential load(Path path) throws IOException {
        return KerasModelFiles.load(path);
    }

    @Override
    public Sequential load(Path architectureJson, Path weights) throws IOException {
        return KerasModelFiles.load(architectureJson, weights);
    }
}
