package dev.lamina.spark;

import dev.lamina.layers.FitOptions;
import dev.lamina.layers.History;
import dev.lamina.layers.Sequential;
import dev.lamina.layers.SparseRows;
import java.util.Collections;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.apache.spark.api.java.function.Function2;
import org.apache.spark.broadcast.Broadcast;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * One round on one partition: the replica takes the round's starting {@link Snapshot}, then Lamina's own
 * {@code fit} runs the partition's next {@code k} batches of this epoch (one epoch over those rows, unshuffled: the
 * epoch's order is the partition's own seeded shuffle), and the result goes back to the driver.
 *
 * <pre>{@code
 * List<RoundResult> results = blocks.mapPartitionsWithIndex(new LocalSteps(...), true).collect();
 * }</pre>
 *
 * @param run        this fit's id (the executors' replica pool)
 * @param model      the model file's bytes (the replicas' architecture and compile settings)
 * @param start      the round's starting weights and optimizer state
 * @param epoch      the epoch, from 0
 * @param round      the round within the epoch, from 0
 * @param steps      local steps per round (k, the averaging frequency)
 * @param batchSize  rows per step
 * @param shuffle    whether each epoch shuffles each partition's rows
 * @param seed       the shuffling seed of the run
 */
record LocalSteps(String run, Broadcast<byte[]> model, Broadcast<Snapshot> start, int epoch, int round, int steps,
                  int batchSize, boolean shuffle, long seed)
        implements Function2<Integer, Iterator<RowBlock>, Iterator<RoundResult>> {

    @Override
    public Iterator<RoundResult> call(Integer partition, Iterator<RowBlock> blocks) {
        if (!blocks.hasNext()) {
            return Collections.emptyIterator();
        }
        RowBlock block = blocks.next();
        int n = block.rows();
        long from = (long) round * steps * batchSize;
        if (from >= n) {
            return Collections.emptyIterator(); // this partition has finished its epoch
        }
        int to = (int) Math.min(n, from + (long) steps * batchSize);
        int[] order = order(n, seed, epoch, partition, shuffle);
        Object x = block.features(order, (int) from, to);
        INDArray y = block.labels(order, (int) from, to);
        Sequential replica = Replicas.borrow(run, model);
        try {
            start.value().applyTo(replica);
            FitOptions local = FitOptions.epochs(1).batchSize(batchSize).shuffle(false).verbose(0);
            History history = x instanceof SparseRows sparse ? replica.fit(sparse, y, local)
                    : replica.fit((INDArray) x, y, local);
            Map<String, Double> logs = new LinkedHashMap<>();
            history.history().forEach((name, values) -> logs.put(name, values.get(values.size() - 1)));
            int taken = (int) ((to - from + batchSize - 1) / batchSize);
            return List.of(new RoundResult(partition, to - (int) from, taken, Snapshot.of(replica), logs)).iterator();
        } finally {
            Replicas.giveBack(run, replica);
        }
    }

    /** The partition's row order in this epoch: a seeded Fisher-Yates shuffle, or the stored order. */
    static int[] order(int n, long seed, int epoch, int partition, boolean shuffle) {
        int[] order = new int[n];
        for (int i = 0; i < n; i++) {
            order[i] = i;
        }
        if (shuffle) {
            Random random = new Random(seed ^ (epoch + 1) * 0x9E3779B97F4A7C15L ^ (partition + 1) * 0xC2B2AE3D27D4EB4FL);
            for (int i = n - 1; i > 0; i--) {
                int j = random.nextInt(i + 1);
                int swap = order[i];
                order[i] = order[j];
                order[j] = swap;
            }
        }
        return order;
    }
}
