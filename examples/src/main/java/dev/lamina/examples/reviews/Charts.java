package dev.lamina.examples.reviews;

import dev.lamina.core.activation.ActivationFunction;
import dev.lamina.core.report.ClassificationReport;
import dev.lamina.core.report.Curve;
import dev.lamina.layers.History;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.HeatMapChart;
import org.knowm.xchart.HeatMapChartBuilder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.style.markers.SeriesMarkers;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * PNG charts drawn with XChart: the training curves of a run (loss and accuracy per epoch, training vs validation),
 * the evaluation's ROC and precision-recall curves and confusion matrix, and one picture per activation (the function and its derivative over [-5, 5]), like the seed article's figures.
 *
 * <pre>{@code
 * Charts.trainingCurves(history, Path.of("out/movie-reviews/curves.png"));
 * }</pre>
 */
public final class Charts {

    static {
        System.setProperty("java.awt.headless", "true");
    }

    private Charts() {
    }

    /** Loss and accuracy per epoch, training against validation, side by side. */
    public static void trainingCurves(History history, Path png) throws IOException {
        Map<String, List<Double>> series = history.history();
        List<XYChart> charts = new ArrayList<>();
        for (String metric : List.of("loss", "accuracy")) {
            if (!series.containsKey(metric)) {
                continue;
            }
            XYChart chart = new XYChartBuilder().width(560).height(400)
                    .title("Training and validation " + metric).xAxisTitle("Epoch").yAxisTitle(metric).build();
            double[] epochs = history.epochs().stream().mapToDouble(e -> e + 1).toArray();
            chart.addSeries("training " + metric, epochs, toArray(series.get(metric))).setMarker(SeriesMarkers.CIRCLE);
            double low = min(toArray(series.get(metric)));
            double high = max(toArray(series.get(metric)));
            if (series.containsKey("val_" + metric)) {
                double[] validation = toArray(series.get("val_" + metric));
                chart.addSeries("validation " + metric, epochs, validation).setMarker(SeriesMarkers.DIAMOND);
                low = Math.min(low, min(validation));
                high = Math.max(high, max(validation));
            }
            readableTicks(chart, Math.max(1, epochs.length - 1), high - low);
            charts.add(chart);
        }
        BitmapEncoder.saveBitmap(charts, 1, charts.size(), png.toString(), BitmapEncoder.BitmapFormat.PNG);
    }

    /**
     * The evaluation's pictures: {@code roc.png} (the ROC curve with its AUC, against chance),
     * {@code precision-recall.png} (with the average precision) and {@code confusion.png} (the confusion matrix as
     * a heat map), in {@code directory}.
     */
    public static void evaluation(Curve roc, Curve precisionRecall, ClassificationReport report, Path directory)
            throws IOException {
        XYChart rocChart = new XYChartBuilder().width(560).height(480)
                .title(String.format(Locale.ROOT, "ROC curve (AUC %.4f)", roc.area()))
                .xAxisTitle("False positive rate").yAxisTitle("True positive rate").build();
        rocChart.addSeries("model", roc.x(), roc.y()).setMarker(SeriesMarkers.NONE);
        rocChart.addSeries("chance", new double[] {0, 1}, new double[] {0, 1}).setMarker(SeriesMarkers.NONE);
        readableTicks(rocChart, 1, 1);
        BitmapEncoder.saveBitmap(rocChart, directory.resolve("roc.png").toString(), BitmapEncoder.BitmapFormat.PNG);

        XYChart prChart = new XYChartBuilder().width(560).height(480)
                .title(String.format(Locale.ROOT, "Precision-recall (average precision %.4f)", precisionRecall.area()))
                .xAxisTitle("Recall").yAxisTitle("Precision").build();
        prChart.addSeries("model", precisionRecall.x(), precisionRecall.y()).setMarker(SeriesMarkers.NONE);
        readableTicks(prChart, 1, 1);
        BitmapEncoder.saveBitmap(prChart, directory.resolve("precision-recall.png").toString(),
                BitmapEncoder.BitmapFormat.PNG);

        long[][] counts = report.confusionMatrix();
        List<Number[]> cells = new ArrayList<>();
        for (int actual = 0; actual < counts.length; actual++) {
            for (int predicted = 0; predicted < counts.length; predicted++) {
                cells.add(new Number[] {predicted, actual, counts[actual][predicted]});
            }
        }
        HeatMapChart heat = new HeatMapChartBuilder().width(520).height(480).title("Confusion matrix")
                .xAxisTitle("Predicted class").yAxisTitle("True class").build();
        heat.getStyler().setShowValue(true).setMin(0);
        heat.addSeries("counts", report.classNames(), report.classNames(), cells);
        BitmapEncoder.saveBitmap(heat, directory.resolve("confusion.png").toString(), BitmapEncoder.BitmapFormat.PNG);
    }

    /** One PNG of {@code activation} and its derivative over [-5, 5] (derivative by its backward pass). */
    public static void activation(ActivationFunction activation, String title, Path png) throws IOException {
        activation(activation, title, -5, 5, png);
    }

    /** One PNG of {@code activation} and its derivative over [{@code from}, {@code to}]. */
    public static void activation(ActivationFunction activation, String title, double from, double to, Path png)
            throws IOException {
        // 401 even points, and 100 more between them around 0, where most functions bend. The uneven spacing also
        // matters to XChart 3.8: on equally spaced data it puts the ticks on data points (-4.1, -3.2, ...) instead
        // of round values.
        int even = 401;
        java.util.TreeSet<Double> samples = new java.util.TreeSet<>();
        for (int i = 0; i < even; i++) {
            samples.add(from + (to - from) * i / (even - 1));
        }
        double half = (to - from) / (even - 1) / 2;
        for (int i = -50; i < 50; i++) {
            double x = (i + 0.5) * 2 * half;
            if (x > from && x < to) {
                samples.add(x + half * 0.5);
            }
        }
        double[] xs = samples.stream().mapToDouble(Double::doubleValue).toArray();
        int points = xs.length;
        // element-wise functions get one x per row; softmax-like ones (which normalise a row) are drawn as the
        // first component of f([x, 0]), i.e. the two-class case
        boolean elementwise = activation instanceof dev.lamina.core.activation.ElementwiseActivation;
        int width = elementwise ? 1 : 2;
        INDArray x = Nd4j.zeros(DataType.DOUBLE, points, width);
        x.getColumn(0).assign(Nd4j.createFromArray(xs));
        INDArray y = activation.apply(x);
        INDArray upstream = Nd4j.zeros(DataType.DOUBLE, points, width);
        upstream.getColumn(0).assign(1.0);
        INDArray slope = activation.backprop(x, y, upstream);
        XYChart chart = new XYChartBuilder().width(560).height(400)
                .title(elementwise ? title : title + " of [x, 0], first component").xAxisTitle("x").yAxisTitle("y")
                .build();
        double[] fx = y.getColumn(0).dup().toDoubleVector();
        double[] slopes = slope.getColumn(0).dup().toDoubleVector();
        chart.addSeries("f(x)", xs, fx).setMarker(SeriesMarkers.NONE);
        chart.addSeries("f'(x)", xs, slopes).setMarker(SeriesMarkers.NONE);
        readableTicks(chart, to - from, Math.max(max(fx), max(slopes)) - Math.min(min(fx), min(slopes)));
        BitmapEncoder.saveBitmap(chart, png.toString(), BitmapEncoder.BitmapFormat.PNG);
    }

    /** Tick labels with the decimals the axis's range needs: 0.25, never 0.24999999999999997. */
    private static void readableTicks(XYChart chart, double xSpan, double ySpan) {
        chart.getStyler().setxAxisTickLabelsFormattingFunction(v -> label(v, xSpan))
                .setyAxisTickLabelsFormattingFunction(v -> label(v, ySpan));
    }

    private static String label(double value, double span) {
        int decimals = Math.max(0, Math.min(4, 2 - (int) Math.floor(Math.log10(Math.max(span, 1e-12)))));
        String text = new java.math.BigDecimal(value).setScale(decimals, java.math.RoundingMode.HALF_UP)
                .stripTrailingZeros().toPlainString();
        return text.equals("-0") ? "0" : text;
    }

    private static double min(double[] values) {
        return java.util.Arrays.stream(values).filter(Double::isFinite).min().orElse(0);
    }

    private static double max(double[] values) {
        return java.util.Arrays.stream(values).filter(Double::isFinite).max().orElse(1);
    }

    private static double[] toArray(List<Double> values) {
        return values.stream().mapToDouble(Double::doubleValue).toArray();
    }
}
