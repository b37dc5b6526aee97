package dev.lamina.core.report;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * What a classifier got right and wrong, like scikit-learn's {@code classification_report} and DL4J's
 * {@code Evaluation.stats()} (the same layout as scikit-learn's text): the confusion matrix (rows the true class, columns the predicted one), per-class
 * precision, recall, F1 and support, accuracy, and macro and support-weighted averages. A class never predicted (or
 * never present) gets 0 where the ratio is undefined, as scikit-learn's default does.
 *
 * <pre>{@code
 * ClassificationReport report = ClassificationReport.of(model.predict(xTest), yTest, List.of("negative", "positive"));
 * System.out.print(report.text());
 * double f1 = (Double) ((Map<?, ?>) report.toMap().get("positive")).get("f1-score");
 * }</pre>
 */
public final class ClassificationReport {

    private final List<String> names;
    private final long[][] confusion;

    private ClassificationReport(List<String> names, long[][] confusion) {
        this.names = names;
        this.confusion = confusion;
    }

    /** The report with classes named by their index. */
    public static ClassificationReport of(INDArray predictions, INDArray labels) {
        List<String> names = new ArrayList<>();
        for (int c = 0; c < Classes.count(predictions); c++) {
            names.add(Integer.toString(c));
        }
        return of(predictions, labels, names);
    }

    /** The report with a name per class ({@code [n, 1]} sigmoid predictions have two: 0 and 1). */
    public static ClassificationReport of(INDArray predictions, INDArray labels, List<String> classNames) {
        int classes = Classes.count(predictions);
        if (classNames.size() != classes) {
            throw new IllegalArgumentException("report: " + classNames.size() + " class names for " + classes
                    + " classes");
        }
        int[] predicted = Classes.predicted(predictions);
        int[] actual = Classes.actual(labels, classes, predictions.size(0));
        long[][] confusion = new long[classes][classes];
        for (int i = 0; i < predicted.length; i++) {
            confusion[actual[i]][predicted[i]]++;
        }
        return new ClassificationReport(List.copyOf(classNames), confusion);
    }

    public List<String> classNames() {
        return names;
    }

    /** {@code [true class][predicted class]} counts (a copy). */
    public long[][] confusionMatrix() {
        long[][] copy = new long[confusion.length][];
        for (int i = 0; i < confusion.length; i++) {
            copy[i] = confusion[i].clone();
        }
        return copy;
    }

    public long support(int c) {
        long sum = 0;
        for (long count : confusion[c]) {
            sum += count;
        }
        return sum;
    }

    public double precision(int c) {
        long predicted = 0;
        for (long[] row : confusion) {
            predicted += row[c];
        }
        return ratio(confusion[c][c], predicted);
    }

    public double recall(int c) {
        return ratio(confusion[c][c], support(c));
    }

    public double f1(int c) {
        double p = precision(c);
        double r = recall(c);
        return p + r == 0 ? 0 : 2 * p * r / (p + r);
    }

    public long total() {
        long sum = 0;
        for (int c = 0; c < confusion.length; c++) {
            sum += support(c);
        }
        return sum;
    }

    public double accuracy() {
        long right = 0;
        for (int c = 0; c < confusion.length; c++) {
            right += confusion[c][c];
        }
        return ratio(right, total());
    }

    /**
     * scikit-learn's {@code output_dict}: per class name {precision, recall, f1-score, support}, then
     * {@code accuracy}, {@code macro avg} and {@code weighted avg}.
     */
    public Map<String, Object> toMap() {
        Map<String, Object> map = new LinkedHashMap<>();
        for (int c = 0; c < names.size(); c++) {
            map.put(names.get(c), row(precision(c), recall(c), f1(c), support(c)));
        }
        map.put("accuracy", accuracy());
        map.put("macro avg", average(false));
        map.put("weighted avg", average(true));
        return map;
    }

    /** The report as scikit-learn prints it (two decimals), followed by the confusion matrix. */
    public String text() {
        int width = "weighted avg".length();
        for (String name : names) {
            width = Math.max(width, name.length());
        }
        StringBuilder out = new StringBuilder();
        out.append(String.format(Locale.ROOT, "%" + width + "s  %9s %9s %9s %9s%n%n", "", "precision", "recall", "f1-score",
                "support"));
        for (int c = 0; c < names.size(); c++) {
            out.append(String.format(Locale.ROOT, "%" + width + "s  %9.2f %9.2f %9.2f %9d%n", names.get(c), precision(c), recall(c),
                    f1(c), support(c)));
        }
        out.append(String.format(Locale.ROOT, "%n%" + width + "s  %9s %9s %9.2f %9d%n", "accuracy", "", "", accuracy(), total()));
        for (boolean weighted : new boolean[] {false, true}) {
            Map<String, Object> avg = average(weighted);
            out.append(String.format(Locale.ROOT, "%" + width + "s  %9.2f %9.2f %9.2f %9d%n", weighted ? "weighted avg" : "macro avg",
                    (Double) avg.get("precision"), (Double) avg.get("recall"), (Double) avg.get("f1-score"), total()));
        }
        out.append(String.format(Locale.ROOT, "%nConfusion matrix (rows: true class, columns: predicted class)%n"));
        int cell = width;
        for (long[] row : confusion) {
            for (long count : row) {
                cell = Math.max(cell, Long.toString(count).length());
            }
        }
        out.append(String.format(Locale.ROOT, "%" + width + "s", ""));
        for (String name : names) {
            out.append(String.format(Locale.ROOT, " %" + cell + "s", name));
        }
        out.append(String.format(Locale.ROOT, "%n"));
        for (int c = 0; c < names.size(); c++) {
            out.append(String.format(Locale.ROOT, "%" + width + "s", names.get(c)));
            for (long count : confusion[c]) {
                out.append(String.format(Locale.ROOT, " %" + cell + "d", count));
            }
            out.append(String.format(Locale.ROOT, "%n"));
        }
        return out.toString();
    }

    private Map<String, Object> average(boolean weighted) {
        double p = 0;
        double r = 0;
        double f = 0;
        double weights = 0;
        for (int c = 0; c < names.size(); c++) {
            double w = weighted ? support(c) : 1;
            p += w * precision(c);
            r += w * recall(c);
            f += w * f1(c);
            weights += w;
        }
        return row(ratio(p, weights), ratio(r, weights), ratio(f, weights), total());
    }

    private static Map<String, Object> row(double precision, double recall, double f1, long support) {
        Map<String, Object> row = new LinkedHashMap<>();
        row.put("precision", precision);
        row.put("recall", recall);
        row.put("f1-score", f1);
        row.put("support", support);
        return row;
    }

    private static double ratio(double numerator, double denominator) {
        return denominator == 0 ? 0 : numerator / denominator;
    }
}
