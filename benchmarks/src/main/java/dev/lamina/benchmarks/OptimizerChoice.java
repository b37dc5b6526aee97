package dev.lamina.benchmarks;

import dev.lamina.core.optimizer.Adam;
import dev.lamina.core.optimizer.Optimizer;
import dev.lamina.core.optimizer.RMSprop;
import java.util.Locale;
import org.nd4j.linalg.learning.config.IUpdater;
import org.nd4j.linalg.learning.config.RmsProp;

/**
 * The optimizers of the grid, with Keras's defaults in every framework: RMSprop(lr 1e-3, rho 0.9, epsilon 1e-7) and
 * Adam(lr 1e-3, beta_1 0.9, beta_2 0.999, epsilon 1e-7). The PyTorch peer builds its own from {@link #kerasName()}.
 *
 * <pre>{@code
 * model.compile(OptimizerChoice.parse("adam").lamina(), "binary_crossentropy", "accuracy");
 * }</pre>
 */
enum OptimizerChoice {
    RMSPROP,
    ADAM;

    static OptimizerChoice parse(String name) {
        for (OptimizerChoice choice : values()) {
            if (choice.kerasName().equals(name)) {
                return choice;
            }
        }
        throw new IllegalArgumentException("unknown optimizer '" + name + "'; expected rmsprop or adam");
    }

    String kerasName() {
        return name().toLowerCase(Locale.ROOT);
    }

    Optimizer lamina() {
        return this == RMSPROP ? new RMSprop(1e-3) : new Adam(1e-3);
    }

    IUpdater dl4j() {
        return this == RMSPROP ? new RmsProp(1e-3, 0.9, 1e-7)
                : new org.nd4j.linalg.learning.config.Adam(1e-3, 0.9, 0.999, 1e-7);
    }
}
