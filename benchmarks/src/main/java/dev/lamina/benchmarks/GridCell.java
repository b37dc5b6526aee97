package dev.lamina.benchmarks;

import java.util.List;
import java.util.Locale;

/**
 * One point of the benchmark grid: how the multi-hot input is fed (dense matrix or sparse rows), the hidden units of
 * both hidden layers, the batch size and the optimizer. The model is Dense(units, relu) -> Dense(units, relu) ->
 * Dense(1, sigmoid) on 10,000 inputs, with binary cross-entropy.
 *
 * <pre>{@code
 * GridCell classic = new GridCell(GridCell.InputPath.SPARSE, 16, 512, OptimizerChoice.RMSPROP);
 * classic.label()          // "16 units, batch 512, rmsprop"
 * classic.contenders()     // Lamina, PyTorch sparse.mm, PyTorch EmbeddingBag
 * }</pre>
 */
record GridCell(InputPath path, int units, int batchSize, OptimizerChoice optimizer) {

    /** How the 10,000-column multi-hot rows reach the first layer. */
    enum InputPath {
        DENSE,
        SPARSE;

        static InputPath parse(String name) {
            return switch (name) {
                case "dense" -> DENSE;
                case "sparse" -> SPARSE;
                default -> throw new IllegalArgumentException("unknown path '" + name + "'; expected dense or sparse");
            };
        }

        String label() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    String label() {
        return units + " units, batch " + batchSize + ", " + optimizer.kerasName();
    }

    /** Who trains this cell, in the order they alternate: DL4J has no sparse input. */
    List<Contender> contenders() {
        return path == InputPath.DENSE ? List.of(Contender.LAMINA, Contender.TORCH_DENSE, Contender.DL4J)
                : List.of(Contender.LAMINA, Contender.TORCH_SPARSE_MM, Contender.TORCH_EMBEDDING_BAG);
    }
}
