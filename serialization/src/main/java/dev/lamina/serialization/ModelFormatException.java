package dev.lamina.serialization;

import java.io.IOException;

/**
 * The one exception a model file that cannot be loaded raises (besides
 * {@link dev.lamina.core.activation.UnknownActivationException} for an unregistered custom activation): the message
 * names where the problem is (a JSON path; for Keras files the file with its HDF5 path, {@code model.h5:/model_weights},
 * or zip entry, {@code model.keras!config.json}), what was expected and what was found.
 *
 * <pre>{@code
 * try { ModelJson.load(path); } catch (ModelFormatException e) { System.err.println(e.getMessage()); }
 * }</pre>
 */
public class ModelFormatException extends IOException {

    private static final long serialVersionUID = 1L;
    private final String jsonPath;

    public ModelFormatException(String jsonPath, String message) {
        super(jsonPath.isEmpty() ? message : jsonPath + ": " + message);
        this.jsonPath = jsonPath;
    }

    public ModelFormatException(String jsonPath, String message, Throwable cause) {
        super(jsonPath.isEmpty() ? message : jsonPath + ": " + message, cause);
        this.jsonPath = jsonPath;
    }

    /**
     * Where in the document the problem is, e.g. {@code model_config.config.layers[1].config.units}, or
     * {@code model.h5:/model_weights/dense_1/dense_1/kernel:0} in a Keras HDF5 file.
     */
    public String jsonPath() {
        return jsonPath;
    }
}
