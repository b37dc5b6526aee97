package dev.lamina.benchmarks;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * The training runs of one grid cell, by contender, over all repetitions; the reported epoch time is the median of
 * the timed epochs of all repetitions.
 *
 * <pre>{@code
 * CellResult result = new CellResult(cell);
 * result.add(Contender.LAMINA, run);
 * result.seconds(Contender.LAMINA) / result.seconds(result.torchAnchor());
 * }</pre>
 */
record CellResult(GridCell cell, Map<Contender, List<TrainingRun>> runs) {

    CellResult(GridCell cell) {
        this(cell, new EnumMap<>(Contender.class));
    }

    void add(Contender contender, TrainingRun run) {
        runs.computeIfAbsent(contender, c -> new ArrayList<>()).add(run);
    }

    boolean has(Contender contender) {
        return runs.containsKey(contender);
    }

    /** Median seconds per timed epoch, or NaN when the contender did not run. */
    double seconds(Contender contender) {
        if (!has(contender)) {
            return Double.NaN;
        }
        return Stats.of(runs.get(contender).stream().flatMap(r -> r.timedEpochs().stream()).toList()).median();
    }

    /** Median test accuracy over the repetitions, or NaN when the contender did not run. */
    double accuracy(Contender contender) {
        if (!has(contender)) {
            return Double.NaN;
        }
        return Stats.of(runs.get(contender).stream().map(TrainingRun::accuracy).toList()).median();
    }

    /** The faster PyTorch contender of this cell (the speed anchor), or null when PyTorch did not run. */
    Contender torchAnchor() {
        Contender fastest = null;
        for (Contender contender : runs.keySet()) {
            if (contender.isTorch() && (fastest == null || seconds(contender) < seconds(fastest))) {
                fastest = contender;
            }
        }
        return fastest;
    }
}
