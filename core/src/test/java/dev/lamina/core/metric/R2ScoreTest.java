package dev.lamina.core.metric;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class R2ScoreTest {

    /** Textbook R2 of one column: 1 - SS_res / SS_tot around the mean, two passes in float64. */
    private static double r2(double[][] p, double[][] y, int column) {
        double mean = 0;
        for (double[] row : y) {
            mean += row[column] / y.length;
        }
        double res = 0;
        double tot = 0;
        for (int i = 0; i < y.length; i++) {
            res += Math.pow(y[i][column] - p[i][column], 2);
            tot += Math.pow(y[i][column] - mean, 2);
        }
        return 1 - res / tot;
    }

    @Test
    void valueFromKerasDocstring() {
        R2Score m = new R2Score();
        m.update(Streams.floats(new double[][] {{2}, {4}, {4}}), Streams.floats(new double[][] {{1}, {4}, {3}}));
        assertEquals(0.57142854, m.result(), 1e-7);
    }

    @Test
    void streamedEqualsTheTwoPassFormulaUniformAndVarianceWeighted() {
        double[][] y = Streams.asFloats(Streams.gaussian(64, 3, 3));
        for (double[] row : y) {
            row[1] = (float) (row[1] * 5 + 2); // columns of different variance
        }
        double[][] p = Streams.asFloats(Streams.gaussian(64, 3, 4));
        for (int i = 0; i < p.length; i++) {
            for (int j = 0; j < 3; j++) {
                p[i][j] = (float) (y[i][j] + 0.5 * p[i][j]);
            }
        }
        double[] scores = {r2(p, y, 0), r2(p, y, 1), r2(p, y, 2)};
        double[] totals = new double[3];
        for (int j = 0; j < 3; j++) {
            double mean = 0;
            for (double[] row : y) {
                mean += row[j] / y.length;
            }
            for (double[] row : y) {
                totals[j] += Math.pow(row[j] - mean, 2);
            }
        }
        R2Score uniform = new R2Score();
        R2Score weighted = new R2Score("r2_score", "variance_weighted_average", 0);
        Streams.feed(uniform, p, y);
        Streams.feed(weighted, p, y);
        assertEquals((scores[0] + scores[1] + scores[2]) / 3, uniform.result(), 1e-10);
        double w = (totals[0] * scores[0] + totals[1] * scores[1] + totals[2] * scores[2])
                / (totals[0] + totals[1] + totals[2]);
        assertEquals(w, weighted.result(), 1e-10);
    }

    @Test
    void adjustedScoreUsesTheSampleCountAndFallsBackWhenTooFewSamples() {
        double[][] y = Streams.asFloats(Streams.gaussian(30, 1, 5));
        double[][] p = Streams.asFloats(Streams.gaussian(30, 1, 6));
        double plain = r2(p, y, 0);
        R2Score adjusted = new R2Score("r2_score", "uniform_average", 4);
        Streams.feed(adjusted, p, y);
        assertEquals(1 - (1 - plain) * 29 / 25, adjusted.result(), 1e-10);
        R2Score tooMany = new R2Score("r2_score", "uniform_average", 29); // p == n - 1: Keras keeps the plain score
        Streams.feed(tooMany, p, y);
        assertEquals(plain, tooMany.result(), 1e-10);
    }

    @Test
    void constantLabelsWithErrorsScoreZeroAsInKeras() {
        R2Score m = new R2Score();
        m.update(Streams.floats(new double[][] {{1}, {2}}), Streams.floats(new double[][] {{3}, {3}}));
        assertEquals(0.0, m.result());
    }

    @Test
    void unknownAggregationIsRejected() {
        assertThrows(IllegalArgumentException.class, () -> new R2Score("r2_score", "raw_values", 0));
        assertThrows(IllegalArgumentException.class, () -> new R2Score("r2_score", "uniform_average", -1));
    }
}
