package dev.lamina.layers;

import java.io.IOException;
import java.nio.file.Path;

/**
 * Writes and reads model files; {@code lamina-serialization} provides the JSON implementation through
 * {@link java.util.ServiceLoader}, so that {@code layers} needs no JSON library.
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

    /** Loads a model from {@code path}. */
    Sequential load(Path path) throws IOException;
}
