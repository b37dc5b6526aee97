package dev.lamina.serialization;

import dev.lamina.layers.ModelStore;
import dev.lamina.layers.Sequential;
import java.io.IOException;
import java.nio.file.Path;

/**
 * The {@link ModelStore} behind {@code Sequential.save} and {@code Sequential.load}: saves Lamina's JSON file, and
 * loads that or a Keras {@code .keras} / {@code .h5} file, the format recognised from the content.
 *
 * <pre>{@code
 * model.save(Path.of("reviews.json"));   // uses this class through ServiceLoader
 * }</pre>
 */
public final class JsonModelStore implements ModelStore {

    @Override
    public void save(Sequential model, Path path) throws IOException {
        ModelJson.save(model, path);
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
