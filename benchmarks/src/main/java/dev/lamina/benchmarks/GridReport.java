package dev.lamina.benchmarks;

import java.util.ArrayList;
import java.util.List;

/**
 * The grid's tables, one per input path: seconds per epoch of each contender, Lamina's ratio to PyTorch (the faster
 * PyTorch variant on the sparse path) flagged when over the 0.8 target, test accuracies, and for dense input the
 * compute floor ({@link PhysicalLimit}); then the largest ratio of each path.
 *
 * <pre>{@code
 * new GridReport(limit, 25_000, 2, 1).print(results);
 * }</pre>
 */
final class GridReport {

    /** Lamina's epoch time may be at most this fraction of PyTorch's. */
    static final double TARGET = 0.8;

    private final PhysicalLimit limit;
    private final int trainRows;
    private final int epochs;
    private final int reps;

    /** {@code limit} may be null when no dense cell ran. */
    GridReport(PhysicalLimit limit, int trainRows, int epochs, int reps) {
        this.limit = limit;
        this.trainRows = trainRows;
        this.epochs = epochs;
        this.reps = reps;
    }

    void print(List<CellResult> results) {
        System.out.println();
        System.out.printf("Seconds per epoch: median of %s over %d repetition%s (the first epoch of each is warm-up); "
                + "test accuracy on the held-out half after %d epochs; ratio target <= %.1f.%n",
                epochs > 2 ? "epochs 2-" + epochs : "epoch 2", reps, reps == 1 ? "" : "s",
                epochs, TARGET);
        for (GridCell.InputPath path : GridCell.InputPath.values()) {
            List<CellResult> cells = results.stream().filter(r -> r.cell().path() == path).toList();
            if (!cells.isEmpty()) {
                printPath(path, cells);
            }
        }
    }

    private void printPath(GridCell.InputPath path, List<CellResult> cells) {
        boolean dense = path == GridCell.InputPath.DENSE;
        List<Contender> contenders = cells.get(0).cell().contenders();
        List<Contender> torch = contenders.stream().filter(Contender::isTorch).toList();
        List<String> header = new ArrayList<>(List.of("units", "batch", "optimizer", "Lamina s/epoch"));
        torch.forEach(c -> header.add(c.label() + " s/epoch"));
        header.add(torch.size() > 1 ? "Lamina / faster PyTorch" : "Lamina / PyTorch");
        if (dense) {
            header.addAll(List.of("DL4J s/epoch", "limit s/epoch (GFLOP/s)", "Lamina / limit"));
        }
        header.add("accuracy " + String.join(" / ", contenders.stream().map(Contender::label).toList()));
        header.add("");
        System.out.println();
        System.out.println(dense ? "Dense input (the multi-hot matrix as dense float32 rows):"
                : "Sparse input (compressed rows: Lamina SparseRows, PyTorch sparse.mm on a COO batch or "
                        + "EmbeddingBag(mode='sum')):");
        System.out.println("| " + String.join(" | ", header) + " |");
        System.out.println("|" + "---|".repeat(header.size()));
        CellResult worst = null;
        for (CellResult result : cells) {
            GridCell cell = result.cell();
            List<String> row = new ArrayList<>(List.of(String.valueOf(cell.units()), String.valueOf(cell.batchSize()),
                    cell.optimizer().kerasName(), format("%.3f", result.seconds(Contender.LAMINA))));
            torch.forEach(c -> row.add(format("%.3f", result.seconds(c))));
            double ratio = ratio(result);
            row.add(format("%.2f", ratio));
            if (dense) {
                double floor = limit.seconds(trainRows, cell.units());
                row.add(format("%.3f", result.seconds(Contender.DL4J)));
                row.add(String.format("%.3f (%.0f)", floor, limit.gflops(cell.units())));
                row.add(format("%.1f", result.seconds(Contender.LAMINA) / floor));
            }
            row.add(String.join(" / ", contenders.stream().map(c -> format("%.4f", result.accuracy(c))).toList()));
            row.add(ratio > TARGET ? "over target" : "");
            System.out.println("| " + String.join(" | ", row) + " |");
            if (!Double.isNaN(ratio) && (worst == null || ratio > ratio(worst))) {
                worst = result;
            }
        }
        if (worst != null) {
            System.out.printf("Max Lamina / PyTorch (%s): %.2f at %s (target <= %.1f)%n", path.label(), ratio(worst),
                    worst.cell().label(), TARGET);
        }
    }

    /** Lamina's epoch time over the faster PyTorch variant's, or NaN without PyTorch. */
    private static double ratio(CellResult result) {
        Contender anchor = result.torchAnchor();
        return anchor == null ? Double.NaN : result.seconds(Contender.LAMINA) / result.seconds(anchor);
    }

    private static String format(String pattern, double value) {
        return Double.isNaN(value) ? "-" : String.format(pattern, value);
    }
}
