package dev.lamina.serialization;

import java.io.IOException;

/**
 * The one exception a model file that cannot be loaded raises (besides
 * {@link dev.lamina.core.activation.UnknownActivationException} for an unregistered custom activation): the message
 * names the JSON path of the problem, what was expected and what was found.
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

    /** Where in the document the problem is, e.g. {@code model_config.config.layers[1].config.units}. */
    public String jsonPath() {
        return jsonPath;
    }
}
