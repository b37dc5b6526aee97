package dev.lamina.layers;

import java.io.IOException;
import java.nio.file.Path;

/**
 * Writes and reads model files; {@code lamina-serialization} provides the implementation (Lamina's JSON, and Keras's
 * {@code .keras} and {@code .h5} files for reading) through {@link java.util.ServiceLoader}, so that {@code layers}
 * needs no JSON or HDF5 library.
 *
 * <pre>{@code
 * model.save(Path.of("reviews.json"));   // finds the ModelStore on the class path
 * model.save(Path.of("reviews.keras"));  // Keras 3's archive, for keras.models.load_model
 * }</pre>
 */
public interface ModelStore {

    /** Saves {@code model} to {@code path}, atomically. */
    void save(Sequential model, Path path) throws IOException;

    /** Saves the weights of {@code model} as Keras 3's weights file ({@code *.weights.h5}), atomically. */
    void saveWeights(Sequential model, Path path) throws IOException;

    /**
     * Loads a model from {@code path}, recognising the format from the content: Lamina's JSON, a Keras 3
     * {@code .keras} archive or a legacy Keras {@code .h5} model.
     */
    Sequential load(Path path) throws IOException;

    /**
     * Loads a Keras architecture JSON ({@code model.to_json()}) with the weights {@code save_weights} wrote
     * ({@code .weights.h5} of Keras 3, or the {@code .h5} of Keras 1 and 2).
     */
    Sequential load(Path architectureJson, Path weights) throws IOException;
}
