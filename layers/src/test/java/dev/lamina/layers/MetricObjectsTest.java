package dev.lamina.layers;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.lamina.core.metric.Auc;
import dev.lamina.core.metric.F1Score;
import dev.lamina.core.metric.Metric;
import dev.lamina.core.metric.Precision;
import dev.lamina.core.metric.Recall;
import dev.lamina.core.optimizer.SGD;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.ndarray.INDArray;

/** Metric objects in {@code compile}: logged under their name, a fresh copy for every fit and evaluation. */
class MetricObjectsTest {

    private static final INDArray X = TrainingTest.features(80, 6, 31);
    private static final INDArray Y = TrainingTest.binaryLabels(X);

    private static Sequential model(Object... metrics) {
        Sequential model = new Sequential().seed(9);
        model.add(new Dense(8, "relu", 6));
        model.add(new Dense(1, "sigmoid"));
        model.compile(new SGD(0.0), "binary_crossentropy", metrics);
        return model;
    }

    @Test
    void objectsAndNamesMixAndEachLogsUnderItsName() {
        Sequential model = model("accuracy", new Precision(), new Recall("recall_at_0.3", new double[] {0.3}, null,
                null), new F1Score("f1", null, 0.5));
        assertEquals(List.of("accuracy", "precision", "recall_at_0.3", "f1"), model.metricNames());
        History history = model.fit(X, Y, FitOptions.epochs(1).batchSize(16).validationSplit(0.25).verbose(0));
        assertEquals(List.of("loss", "accuracy", "precision", "recall_at_0.3", "f1", "val_loss", "val_accuracy",
                "val_precision", "val_recall_at_0.3", "val_f1"), List.copyOf(history.history().keySet()));
    }

    @Test
    void anObjectScoresAsTheSameMetricByName() {
        Map<String, Double> byName = model("precision", "auc").evaluate(X, Y, 16);
        Map<String, Double> byObject = model(new Precision(), new Auc()).evaluate(X, Y, 16);
        assertEquals(byName, byObject);
    }

    @Test
    void everyFitAndEvaluationStartsFromAFreshCopy() {
        Precision template = new Precision(null, null, null);
        Sequential model = model(template);
        double first = model.fit(X, Y, FitOptions.epochs(1).batchSize(16).verbose(0)).last("precision");
        double second = model.fit(X, Y, FitOptions.epochs(1).batchSize(16).verbose(0)).last("precision");
        assertEquals(first, second); // SGD(0): the same data give the same value unless state leaked between fits
        assertEquals(first, model.evaluate(X, Y).get("precision"), 1e-12);
        assertEquals(first, model.evaluate(X, Y).get("precision"), 1e-12);
        assertEquals(0.0, template.result()); // the object given to compile never accumulates
    }

    @Test
    void compileRejectsWhatIsNeitherANameNorACopyableMetric() {
        IllegalArgumentException notMetric = assertThrows(IllegalArgumentException.class, () -> model(42));
        assertEquals("compile takes metrics as names (\"accuracy\") or Metric objects (new Precision()). Received: "
                + "java.lang.Integer 42.", notMetric.getMessage());
        Metric custom = new Metric() {
            @Override
            public String name() {
                return "mine";
            }

            @Override
            public void reset() {
            }

            @Override
            public void update(INDArray yPred, INDArray yTrue, INDArray sampleWeights) {
            }

            @Override
            public double result() {
                return 1;
            }
        };
        UnsupportedOperationException e = assertThrows(UnsupportedOperationException.class, () -> model(custom));
        assertTrue(e.getMessage().contains("Override fresh()"), e.getMessage());
    }

    @Test
    void metricsWithSeveralValuesAreRefusedWithTheFix() {
        IllegalArgumentException thresholds = assertThrows(IllegalArgumentException.class,
                () -> model(new Precision(new double[] {0.3, 0.7}, null, null)));
        assertEquals("Metric 'precision' has 2 thresholds, so one value each, and History holds one number per "
                + "metric. Compile one metric per threshold, or read perThreshold() on predict's output.",
                thresholds.getMessage());
        Sequential twoUnits = new Sequential().seed(9);
        twoUnits.add(new Dense(2, "sigmoid", 6));
        twoUnits.compile(new SGD(0.0), "binary_crossentropy", new F1Score());
        IllegalArgumentException perClass = assertThrows(IllegalArgumentException.class,
                () -> twoUnits.evaluate(X, org.nd4j.linalg.factory.Nd4j.hstack(Y, Y)));
        assertTrue(perClass.getMessage().startsWith("Metric 'f1_score' has average=null: one score per class, 2 "
                + "here"), perClass.getMessage());
    }

    @Test
    void aMetricOfYourOwnWithFreshIsLogged() {
        class Count implements Metric {
            private double rows;

            @Override
            public String name() {
                return "rows";
            }

            @Override
            public void reset() {
                rows = 0;
            }

            @Override
            public void update(INDArray yPred, INDArray yTrue, INDArray sampleWeights) {
                rows += sampleWeights == null ? yPred.size(0) : sampleWeights.sumNumber().doubleValue();
            }

            @Override
            public double result() {
                return rows;
            }

            @Override
            public Metric fresh() {
                return new Count();
            }
        }
        Sequential model = model(new Count());
        assertEquals(80.0, model.fit(X, Y, FitOptions.epochs(2).batchSize(16).verbose(0)).last("rows"));
        assertEquals(80.0 * 2, model.evaluate(X, Y, X.getColumn(0).mul(0).add(2)).get("rows"));
    }
}
