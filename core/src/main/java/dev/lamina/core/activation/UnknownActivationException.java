package dev.lamina.core.activation;

/**
 * Thrown when an activation name is neither a built-in nor registered. Its message names the activation, suggests
 * the closest known names, and gives the call that registers it.
 *
 * <pre>{@code
 * try { Activations.get("maFonction"); } catch (UnknownActivationException e) { System.err.println(e.getMessage()); }
 * }</pre>
 */
public class UnknownActivationException extends IllegalArgumentException {

    private static final long serialVersionUID = 1L;
    private final String activationName;

    public UnknownActivationException(String activationName, String message) {
        super(message);
        this.activationName = activationName;
    }

    /** The name that was not found. */
    public String activationName() {
        return activationName;
    }
}
