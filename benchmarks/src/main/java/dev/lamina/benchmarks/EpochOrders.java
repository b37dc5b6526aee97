package dev.lamina.benchmarks;

import java.util.Random;

/**
 * The row order of each epoch of Lamina's {@code fit(x, y, FitOptions...seed(s))}: the identity permutation,
 * reshuffled in place before every epoch by a Fisher-Yates pass over {@code new java.util.Random(s)}, as Lamina's
 * training loop does. PyTorch and DL4J get these arrays, so every framework sees the same batches in the same order.
 *
 * <pre>{@code
 * int[][] orders = EpochOrders.of(25_000, 2, 7);   // orders[epoch][position] = row index
 * }</pre>
 */
final class EpochOrders {

    private EpochOrders() {
    }

    static int[][] of(int rows, int epochs, long seed) {
        Random random = new Random(seed);
        int[] order = new int[rows];
        for (int i = 0; i < rows; i++) {
            order[i] = i;
        }
        int[][] orders = new int[epochs][];
        for (int epoch = 0; epoch < epochs; epoch++) {
            for (int i = rows - 1; i > 0; i--) {
                int j = random.nextInt(i + 1);
                int swap = order[i];
                order[i] = order[j];
                order[j] = swap;
            }
            orders[epoch] = order.clone();
        }
        return orders;
    }
}
