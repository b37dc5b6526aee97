package dev.lamina.serialization;

import dev.lamina.core.init.Initializer;
import dev.lamina.core.init.VarianceScaling;
import java.util.Map;

/** Keras's class names for initializers (GlorotUniform, Zeros, ...) and Lamina's snake_case names, both ways. */
final class KerasNames {

    private static final Map<String, String> TO_KERAS = Map.ofEntries(
            Map.entry("glorot_uniform", "GlorotUniform"), Map.entry("glorot_normal", "GlorotNormal"),
            Map.entry("he_normal", "HeNormal"), Map.entry("he_uniform", "HeUniform"),
            Map.entry("lecun_normal", "LecunNormal"), Map.entry("lecun_uniform", "LecunUniform"),
            Map.entry("random_normal", "RandomNormal"), Map.entry("random_uniform", "RandomUniform"),
            Map.entry("truncated_normal", "TruncatedNormal"), Map.entry("zeros", "Zeros"),
            Map.entry("ones", "Ones"), Map.entry("constant", "Constant"),
            Map.entry("variance_scaling", "VarianceScaling"));

    private KerasNames() {
    }

    static String kerasClass(Initializer initializer) {
        return TO_KERAS.get(initializer.name());
    }

    /** Lamina's name for a Keras class name or a snake_case name; null if unknown. */
    static String laminaName(String name) {
        if (TO_KERAS.containsKey(name)) {
            return name;
        }
        for (Map.Entry<String, String> entry : TO_KERAS.entrySet()) {
            if (entry.getValue().equals(name)) {
                return entry.getKey();
            }
        }
        return null;
    }

    static String mode(VarianceScaling.Mode mode) {
        return mode.name().toLowerCase(java.util.Locale.ROOT);
    }

    static String distribution(VarianceScaling.Distribution distribution) {
        return distribution.name().toLowerCase(java.util.Locale.ROOT);
    }
}
