package dev.lamina.core.metric;

import java.util.LinkedHashMap;
import java.util.Map;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Keras's {@code R2Score(class_aggregation="uniform_average", num_regressors=0)}, the coefficient of determination,
 * from sums accumulated over every batch ({@code keras/src/metrics/regression_metrics.py}, {@code R2Score}): per output
 * column {@code r2 = 1 - sum((y - p)^2) / (sum(y^2) - sum(y) * mean(y))}, an infinite score (constant labels with
 * errors) counted as 0; then the plain mean over columns, or with {@code "variance_weighted_average"} the mean weighted
 * by each column's total sum of squares. With {@code numRegressors = p > 0} and {@code n} samples, the adjusted score
 * {@code 1 - (1 - r2)(n - 1)/(n - p - 1)} (Keras falls back to the plain score when {@code p >= n - 1}).
 * Keras's {@code class_aggregation=None} (one score per column) is not offered: a result here is one number.
 * With sample weights, as Keras: the sums, the squared sums and the residuals add {@code w * value}, {@code count}
 * adds {@code w}, and {@code n} of the adjusted score counts the rows of non-zero weight.
 *
 * <pre>{@code
 * model.compile("adam", "mse", "r2_score");
 * }</pre>
 */
public final class R2Score implements Metric {

    private final String name;
    private final String classAggregation;
    private final int numRegressors;
    private double[] sum;
    private double[] squaredSum;
    private double[] residual;
    private double count;
    private double samples;

    public R2Score() {
        this("r2_score", "uniform_average", 0);
    }

    /**
     * @param classAggregation {@code "uniform_average"} (Keras's default) or {@code "variance_weighted_average"}
     * @param numRegressors    independent regressors for the adjusted score; 0 (the default) for plain R2
     */
    public R2Score(String name, String classAggregation, int numRegressors) {
        if (!"uniform_average".equals(classAggregation) && !"variance_weighted_average".equals(classAggregation)) {
            throw new IllegalArgumentException("r2_score: class_aggregation must be \"uniform_average\" or "
                    + "\"variance_weighted_average\". Received: class_aggregation=" + classAggregation);
        }
        if (numRegressors < 0) {
            throw new IllegalArgumentException("r2_score: num_regressors must be >= 0. Received: num_regressors="
                    + numRegressors);
        }
        this.name = name;
        this.classAggregation = classAggregation;
        this.numRegressors = numRegressors;
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public void reset() {
        sum = null;
        squaredSum = null;
        residual = null;
        count = 0;
        samples = 0;
    }

    @Override
    public void update(INDArray yPred, INDArray yTrue, INDArray sampleWeights) {
        double[][][] rows = Rows.sameShape(name, yPred, yTrue);
        double[] weights = Rows.weights(name, sampleWeights, rows[0].length);
        if (rows[0].length == 0) {
            return;
        }
        int columns = rows[0][0].length;
        if (sum == null) {
            sum = new double[columns];
            squaredSum = new double[columns];
            residual = new double[columns];
        } else if (sum.length != columns) {
            throw new IllegalArgumentException(name + " was updated with " + sum.length + " output columns, now "
                    + columns + ". Reset it between data of different widths.");
        }
        for (int i = 0; i < rows[0].length; i++) {
            double w = Rows.weight(weights, i);
            for (int j = 0; j < columns; j++) {
                double y = rows[1][i][j];
                double e = y - rows[0][i][j];
                sum[j] += w * y;
                squaredSum[j] += y * (w * y);
                residual[j] += e * e * w;
            }
            count += w;
            samples += w != 0 ? 1 : 0;
        }
    }

    @Override
    public double result() {
        if (count == 0) {
            return Double.NaN;
        }
        double scoreSum = 0;
        double weightedSum = 0;
        double totalSum = 0;
        for (int j = 0; j < sum.length; j++) {
            double total = squaredSum[j] - sum[j] * (sum[j] / count);
            double score = 1 - residual[j] / total;
            if (Double.isInfinite(score)) {
                score = 0;
            }
            scoreSum += score;
            weightedSum += total * score;
            totalSum += total;
        }
        double r2 = "uniform_average".equals(classAggregation) ? scoreSum / sum.length : weightedSum / totalSum;
        if (numRegressors != 0 && numRegressors < samples - 1) {
            r2 = 1 - (1 - r2) * (samples - 1) / (samples - numRegressors - 1);
        }
        return r2;
    }

    @Override
    public String className() {
        return "R2Score";
    }

    @Override
    public Map<String, Object> config() {
        Map<String, Object> config = new LinkedHashMap<>();
        config.put("name", name());
        config.put("class_aggregation", classAggregation);
        config.put("num_regressors", numRegressors);
        return config;
    }
}
