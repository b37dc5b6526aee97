package dev.lamina.core.metric;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.ndarray.INDArray;

class RegressionMetricsTest {

    // Keras's docstring example for every regression metric: update_state(y_true, y_pred)
    private static final INDArray KERAS_TRUE = Streams.floats(new double[][] {{0, 1}, {0, 0}});
    private static final INDArray KERAS_PRED = Streams.floats(new double[][] {{1, 1}, {0, 0}});

    private static double keras(Metric metric) {
        metric.update(KERAS_PRED, KERAS_TRUE);
        return metric.result();
    }

    @Test
    void valuesFromKerasDocstrings() {
        assertEquals(0.25, keras(new MeanAbsoluteError()), 1e-12);
        assertEquals(0.25, keras(new MeanSquaredError()), 1e-12);
        assertEquals(0.5, keras(new RootMeanSquaredError()), 1e-12);
        assertEquals(250000000.0, keras(new MeanAbsolutePercentageError()), 1e-3);
    }

    @Test
    void streamedOverUnevenBatchesEqualsTheFormulaOverAllSamples() {
        double[][] p = Streams.asFloats(Streams.gaussian(101, 3, 1));
        double[][] y = Streams.asFloats(Streams.gaussian(101, 3, 2));
        double abs = 0;
        double sq = 0;
        double pct = 0;
        for (int i = 0; i < p.length; i++) {
            for (int j = 0; j < 3; j++) {
                abs += Math.abs(y[i][j] - p[i][j]);
                sq += (y[i][j] - p[i][j]) * (y[i][j] - p[i][j]);
                pct += Math.abs(y[i][j] - p[i][j]) / Math.abs(y[i][j]);
            }
        }
        int n = p.length * 3;
        Metric mae = new MeanAbsoluteError();
        Metric mse = new MeanSquaredError();
        Metric rmse = new RootMeanSquaredError();
        Metric mape = new MeanAbsolutePercentageError();
        for (Metric m : new Metric[] {mae, mse, rmse, mape}) {
            Streams.feed(m, p, y);
        }
        assertEquals(abs / n, mae.result(), 1e-12);
        assertEquals(sq / n, mse.result(), 1e-12);
        assertEquals(Math.sqrt(sq / n), rmse.result(), 1e-12);
        assertEquals(100 * pct / n, mape.result(), 1e-9 * Math.abs(100 * pct / n));
    }

    @Test
    void rootMeanSquaredErrorTakesTheRootOfTheOverallMeanNotOfEachBatch() {
        Metric rmse = new RootMeanSquaredError();
        rmse.update(Streams.floats(new double[][] {{3}}), Streams.floats(new double[][] {{0}}));
        rmse.update(Streams.floats(new double[][] {{1}, {1}, {1}}), Streams.floats(new double[][] {{0}, {0}, {0}}));
        assertEquals(Math.sqrt((9 + 3) / 4.0), rmse.result(), 1e-12); // not (3 + 3 * 1) / 4
    }

    @Test
    void resetForgetsAndNothingSeenIsNaN() {
        Metric mae = new MeanAbsoluteError();
        assertEquals(Double.NaN, mae.result());
        keras(mae);
        mae.reset();
        assertEquals(Double.NaN, mae.result());
    }

    @Test
    void labelsOfAnotherShapeAreRejectedWithTheShapes() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new MeanSquaredError("mse").update(KERAS_PRED, Streams.floats(new double[][] {{0}, {1}})));
        assertEquals(true, e.getMessage().contains("y_pred [2, 2], y_true [2, 1]"), e.getMessage());
    }
}
