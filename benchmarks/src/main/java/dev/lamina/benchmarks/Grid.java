package dev.lamina.benchmarks;

import dev.lamina.layers.Sequential;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Runs grid cells: in each repetition of each cell, Lamina, then PyTorch (each variant of the cell's path), then DL4J
 * (dense only), all from Lamina's initial weights and on the same batches in the same order ({@link EpochOrders}).
 * Keeps the last trained Lamina and DL4J models of each width for the inference measurements.
 *
 * <pre>{@code
 * Grid grid = new Grid(data, torch, 2, 1, workDirectory);
 * List<CellResult> results = grid.run(cells);
 * grid.latestModels().get(16).lamina().predict(oneReview);
 * }</pre>
 */
final class Grid {

    /** The weight-initialisation and shuffling seed of every cell. */
    private static final long SEED = 7;
    /** Rows per forward pass when measuring test accuracy (not timed). */
    private static final int EVALUATION_BATCH = 512;

    /** The last trained models with some width; {@code dl4j} is null when no dense cell had that width. */
    record TrainedModels(Sequential lamina, Dl4jImdb dl4j) {
    }

    private final BenchmarkData data;
    private final PyTorchPeer torch;
    private final int epochs;
    private final int reps;
    private final Path work;
    private final Map<Integer, TrainedModels> latest = new TreeMap<>();

    /** {@code torch} may be null (PyTorch not installed). */
    Grid(BenchmarkData data, PyTorchPeer torch, int epochs, int reps, Path work) {
        this.data = data;
        this.torch = torch;
        this.epochs = epochs;
        this.reps = reps;
        this.work = work;
    }

    List<CellResult> run(List<GridCell> cells) throws IOException {
        List<CellResult> results = new ArrayList<>();
        for (int i = 0; i < cells.size(); i++) {
            CellResult result = run(cells.get(i), work.resolve("cell-" + i + ".bin"));
            results.add(result);
            System.out.printf("[%d/%d] %s, %s: %s%n", i + 1, cells.size(), cells.get(i).path().label(),
                    cells.get(i).label(), result.runs().keySet().stream()
                            .map(c -> String.format("%s %.3f s (accuracy %.4f)", c.label(), result.seconds(c),
                                    result.accuracy(c)))
                            .collect(Collectors.joining(", ")));
        }
        return results;
    }

    private CellResult run(GridCell cell, Path cellFile) throws IOException {
        boolean dense = cell.path() == GridCell.InputPath.DENSE;
        Object xTrain = dense ? data.train().dense() : data.train().sparse();
        Object xTest = dense ? data.test().dense() : data.test().sparse();
        int[][] orders = EpochOrders.of(data.train().size(), epochs, SEED);
        CellResult result = new CellResult(cell);
        for (int rep = 0; rep < reps; rep++) {
            LaminaImdb lamina = new LaminaImdb(cell.units(), cell.optimizer(), SEED);
            List<INDArray> initial = lamina.model.getWeights();
            List<Double> laminaSeconds = lamina.fit(xTrain, data.train().labels(), epochs, cell.batchSize(), SEED);
            result.add(Contender.LAMINA, new TrainingRun(laminaSeconds,
                    data.test().accuracy(lamina.predict(xTest, EVALUATION_BATCH))));
            if (torch != null) {
                PyTorchPeer.writeCell(cellFile, initial, orders);
            }
            Dl4jImdb dl4j = null;
            for (Contender contender : cell.contenders()) {
                if (contender.isTorch() && torch != null) {
                    result.add(contender, torch.train(cellFile, contender, cell, epochs));
                } else if (contender == Contender.DL4J) {
                    dl4j = new Dl4jImdb(cell.units(), cell.optimizer(), initial);
                    List<Double> dl4jSeconds = dl4j.fit(data.train().dense(), data.train().labels(), orders,
                            cell.batchSize());
                    result.add(contender, new TrainingRun(dl4jSeconds,
                            data.test().accuracy(dl4j.predict(data.test().dense(), EVALUATION_BATCH))));
                }
            }
            Dl4jImdb previous = latest.containsKey(cell.units()) ? latest.get(cell.units()).dl4j() : null;
            latest.put(cell.units(), new TrainedModels(lamina.model, dl4j != null ? dl4j : previous));
        }
        return result;
    }

    /** The last trained models of each width, by width. */
    Map<Integer, TrainedModels> latestModels() {
        return latest;
    }
}
