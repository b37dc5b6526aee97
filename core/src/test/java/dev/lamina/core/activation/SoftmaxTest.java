package dev.lamina.core.activation;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

class SoftmaxTest {

    static double[] reference(double[] row) {
        double max = Double.NEGATIVE_INFINITY;
        for (double v : row) {
            max = Math.max(max, v);
        }
        double sum = 0;
        double[] out = new double[row.length];
        for (int i = 0; i < row.length; i++) {
            out[i] = Math.exp(row[i] - max);
            sum += out[i];
        }
        for (int i = 0; i < row.length; i++) {
            out[i] /= sum;
        }
        return out;
    }

    @Test
    void softmaxOfHugeValuesIsStable() {
        INDArray y = Activations.softmax(Nd4j.createFromArray(new float[][] {{1000f, 1001f, 1002f}}));
        double[] expected = reference(new double[] {1000, 1001, 1002});
        assertArrayEquals(expected, y.toDoubleVector(), 1e-6);
        assertEquals(0.09003057, y.getDouble(0), 1e-6);
        assertEquals(0.66524096, y.getDouble(2), 1e-6);
    }

    @Test
    void softmaxRowsMatchFloat64ReferenceAndSumToOne() {
        double[][] rows = {{-100, 0, 100}, {1e-6, -1e-6, 0}, {-20, 20, 0.5}, {3, 3, 3}};
        INDArray y = Activations.softmax(Nd4j.createFromArray(rows).castTo(org.nd4j.linalg.api.buffer.DataType.FLOAT));
        for (int r = 0; r < rows.length; r++) {
            assertArrayEquals(reference(rows[r]), y.getRow(r).toDoubleVector(), 1e-6);
            assertEquals(1.0, y.getRow(r).sumNumber().doubleValue(), 1e-6);
        }
    }

    @Test
    void softmaxOverAxisZeroNormalisesColumns() {
        INDArray x = Nd4j.createFromArray(new double[][] {{1, 2}, {3, 5}});
        INDArray y = Activations.softmax(x, 0);
        assertArrayEquals(reference(new double[] {1, 3}), y.getColumn(0).toDoubleVector(), 1e-12);
        assertArrayEquals(reference(new double[] {2, 5}), y.getColumn(1).toDoubleVector(), 1e-12);
    }

    @Test
    void softmaxBackpropIsTheJacobianVectorProductByFiniteDifferences() {
        double[][] xs = {{0.3, -1.2, 2.0, 0.1}, {5.0, 4.0, -3.0, 0.0}};
        double[][] gs = {{1.0, -0.5, 0.25, 2.0}, {-1.0, 0.5, 3.0, 0.0}};
        INDArray x = Nd4j.createFromArray(xs);
        INDArray g = Nd4j.createFromArray(gs);
        Softmax softmax = new Softmax();
        INDArray analytic = softmax.backprop(x, softmax.apply(x), g);
        double h = 1e-6;
        for (int r = 0; r < 2; r++) {
            for (int c = 0; c < 4; c++) {
                INDArray plus = x.dup();
                plus.putScalar(r, c, xs[r][c] + h);
                INDArray minus = x.dup();
                minus.putScalar(r, c, xs[r][c] - h);
                double numeric = (softmax.apply(plus).mul(g).sumNumber().doubleValue()
                        - softmax.apply(minus).mul(g).sumNumber().doubleValue()) / (2 * h);
                assertEquals(numeric, analytic.getDouble(r, c), 1e-8, "d/dx[" + r + "," + c + "]");
            }
        }
    }

    @Test
    void logSoftmaxMatchesLogOfReferenceAndIsStable() {
        INDArray y = Activations.logSoftmax(Nd4j.createFromArray(new float[][] {{1000f, 1001f, 1002f}}));
        double[] p = reference(new double[] {1000, 1001, 1002});
        for (int i = 0; i < 3; i++) {
            assertEquals(Math.log(p[i]), y.getDouble(0, i), 1e-5);
        }
    }

    @Test
    void logSoftmaxBackpropMatchesFiniteDifferences() {
        double[][] xs = {{0.3, -1.2, 2.0}};
        double[][] gs = {{1.0, -0.5, 0.25}};
        INDArray x = Nd4j.createFromArray(xs);
        INDArray g = Nd4j.createFromArray(gs);
        LogSoftmax f = new LogSoftmax();
        INDArray analytic = f.backprop(x, f.apply(x), g);
        double h = 1e-6;
        for (int c = 0; c < 3; c++) {
            INDArray plus = x.dup();
            plus.putScalar(0, c, xs[0][c] + h);
            INDArray minus = x.dup();
            minus.putScalar(0, c, xs[0][c] - h);
            double numeric = (f.apply(plus).mul(g).sumNumber().doubleValue()
                    - f.apply(minus).mul(g).sumNumber().doubleValue()) / (2 * h);
            assertEquals(numeric, analytic.getDouble(0, c), 1e-8);
        }
    }

    @Test
    void softmaxWithAnAxisOutOfRangeNamesTheShape() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new Softmax(3).apply(Nd4j.zeros(2, 3)));
        assertEquals("softmax: axis 3 is out of range for an input of shape [2, 3]", e.getMessage());
    }
}
