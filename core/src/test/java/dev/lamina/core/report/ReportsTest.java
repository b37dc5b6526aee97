package dev.lamina.core.report;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.factory.Nd4j;

class ReportsTest {

    @Test
    void classificationReportPrintsScikitLearnsDocumentedExample() {
        // scikit-learn's classification_report docstring: y_true [0, 1, 2, 2, 2], y_pred [0, 0, 2, 2, 1]
        ClassificationReport report = ClassificationReport.of(
                Nd4j.createFromArray(new double[][] {{1, 0, 0}, {1, 0, 0}, {0, 0, 1}, {0, 0, 1}, {0, 1, 0}}),
                Nd4j.createFromArray(new double[][] {{0}, {1}, {2}, {2}, {2}}),
                List.of("class 0", "class 1", "class 2"));
        String expected = String.join(System.lineSeparator(),
                "              precision    recall  f1-score   support",
                "",
                "     class 0       0.50      1.00      0.67         1",
                "     class 1       0.00      0.00      0.00         1",
                "     class 2       1.00      0.67      0.80         3",
                "",
                "    accuracy                           0.60         5",
                "   macro avg       0.50      0.56      0.49         5",
                "weighted avg       0.70      0.60      0.61         5", "");
        assertTrue(report.text().startsWith(expected), report.text());
        assertArrayEquals(new long[][] {{1, 0, 0}, {1, 0, 0}, {0, 1, 2}}, report.confusionMatrix());
        Map<String, Object> map = report.toMap();
        assertEquals(0.6, (Double) map.get("accuracy"), 1e-12);
        assertEquals(0.8, (Double) ((Map<?, ?>) map.get("class 2")).get("f1-score"), 1e-12);
        assertEquals(5L, ((Map<?, ?>) map.get("weighted avg")).get("support"));
    }

    @Test
    void oneSigmoidColumnIsTwoClassesSplitAboveOneHalf() {
        ClassificationReport report = ClassificationReport.of(Nd4j.createFromArray(new float[][] {{0.5f}, {0.51f},
                {0.2f}, {0.9f}}), Nd4j.createFromArray(new float[][] {{0}, {1}, {1}, {1}}));
        assertEquals(List.of("0", "1"), report.classNames());
        assertArrayEquals(new long[][] {{1, 0}, {1, 2}}, report.confusionMatrix());
        assertEquals(0.75, report.accuracy(), 1e-12);
    }

    @Test
    void rocCurveMatchesScikitLearnsDocumentedExample() {
        // roc_curve([1, 1, 2, 2], [0.1, 0.4, 0.35, 0.8], pos_label=2, drop_intermediate=False)
        Curve roc = Curves.roc(Nd4j.createFromArray(new double[][] {{0.1}, {0.4}, {0.35}, {0.8}}),
                Nd4j.createFromArray(new double[][] {{0}, {0}, {1}, {1}}), 1);
        assertArrayEquals(new double[] {0, 0, 0.5, 0.5, 1}, roc.x(), 1e-12);
        assertArrayEquals(new double[] {0, 0.5, 0.5, 1, 1}, roc.y(), 1e-12);
        assertArrayEquals(new double[] {Double.POSITIVE_INFINITY, 0.8, 0.4, 0.35, 0.1}, roc.thresholds(), 1e-12);
        assertEquals(0.75, roc.area(), 1e-12);
    }

    @Test
    void precisionRecallCurveAndAveragePrecisionMatchScikitLearn() {
        // precision_recall_curve([0, 0, 1, 1], [0.1, 0.4, 0.35, 0.8]); average_precision_score: 0.8333...
        Curve pr = Curves.precisionRecall(Nd4j.createFromArray(new double[][] {{0.1}, {0.4}, {0.35}, {0.8}}),
                Nd4j.createFromArray(new double[][] {{0}, {0}, {1}, {1}}), 1);
        assertArrayEquals(new double[] {0, 0.5, 0.5, 1, 1}, pr.x(), 1e-12);
        assertArrayEquals(new double[] {1, 1, 0.5, 2.0 / 3, 0.5}, pr.y(), 1e-12);
        assertEquals(5.0 / 6, pr.area(), 1e-12);
    }

    @Test
    void oneVersusRestCurvesOfAMultiClassModelAndClearErrors() {
        Curve roc = Curves.roc(Nd4j.createFromArray(new double[][] {{0.7, 0.2, 0.1}, {0.1, 0.8, 0.1}, {0.6, 0.3, 0.1}}),
                Nd4j.createFromArray(new double[][] {{0}, {1}, {2}}), 0);
        assertEquals(1.0, roc.area(), 1e-12); // class 0's row has the highest class-0 score
        String missing = assertThrows(IllegalArgumentException.class, () -> Curves.roc(
                Nd4j.createFromArray(new double[][] {{0.2}, {0.9}}), Nd4j.createFromArray(new double[][] {{1}, {1}}),
                1)).getMessage();
        assertTrue(missing.contains("needs both positive and negative rows"), missing);
        String label = assertThrows(IllegalArgumentException.class, () -> ClassificationReport.of(
                Nd4j.createFromArray(new double[][] {{0.2}}), Nd4j.createFromArray(new double[][] {{3}})))
                .getMessage();
        assertTrue(label.contains("label 3 in row 0 is not one of the 2 classes"), label);
    }
}
