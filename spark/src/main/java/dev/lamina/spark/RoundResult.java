package dev.lamina.spark;

import java.io.Serializable;
import java.util.Map;

/**
 * What one partition sends back after its local steps of a round: where its replica ended (weights, optimizer
 * state), how many rows and steps it trained on, and its {@code fit}'s logs over them (loss and metrics).
 *
 * <pre>{@code
 * RoundResult r = new RoundResult(0, 2560, 5, Snapshot.of(replica), history logs);
 * }</pre>
 *
 * @param partition the partition index
 * @param rows      rows trained on this round
 * @param steps     optimizer steps taken this round
 * @param end       the replica's weights and optimizer state after them
 * @param logs      the local {@code fit}'s epoch logs: {@code loss} and the metrics over these rows
 */
record RoundResult(int partition, int rows, int steps, Snapshot end, Map<String, Double> logs)
        implements Serializable {
}
