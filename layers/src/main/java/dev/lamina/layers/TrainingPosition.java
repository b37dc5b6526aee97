package dev.lamina.layers;

/**
 * Where a {@code fit} stands between two optimizer steps: the epoch, the batches of it already trained, and the seed
 * of the row shuffling, which with the epoch fixes the order of the remaining batches.
 *
 * <pre>{@code
 * new TrainingPosition(2, 5, 7L);   // epoch 3 (from 0: 2), resume at its sixth batch, shuffled from seed 7
 * }</pre>
 *
 * @param epoch       the epoch to resume, numbered from 0
 * @param batch       the batches of that epoch already trained (0: the epoch starts afresh)
 * @param shuffleSeed the seed the interrupted {@code fit} shuffled with
 */
record TrainingPosition(int epoch, int batch, long shuffleSeed) {

    TrainingPosition {
        if (epoch < 0 || batch < 0) {
            throw new IllegalArgumentException("A training position needs epoch >= 0 and batch >= 0. Received: epoch="
                    + epoch + ", batch=" + batch);
        }
    }
}
