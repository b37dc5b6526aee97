package dev.lamina.benchmarks;

import java.util.List;

/**
 * One framework's training of one grid cell: the seconds of each epoch and the test accuracy afterwards. The first
 * epoch is warm-up (JIT, first-touch allocations); the timed epochs are the ones after it.
 *
 * <pre>{@code
 * new TrainingRun(List.of(0.52, 0.35, 0.36), 0.884).timedEpochs()   // [0.35, 0.36]
 * }</pre>
 */
record TrainingRun(List<Double> epochSeconds, double accuracy) {

    TrainingRun {
        epochSeconds = List.copyOf(epochSeconds);
    }

    List<Double> timedEpochs() {
        return epochSeconds.size() > 1 ? epochSeconds.subList(1, epochSeconds.size()) : epochSeconds;
    }
}
