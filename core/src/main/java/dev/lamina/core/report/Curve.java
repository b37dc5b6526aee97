package dev.lamina.core.report;

/**
 * Points of a ROC or precision-recall curve, in order of falling threshold, and the area that summarizes it.
 *
 * <pre>{@code
 * Curve roc = Curves.roc(predictions, labels, 1);
 * double auc = roc.area();   // roc.x(): false positive rates, roc.y(): true positive rates
 * }</pre>
 *
 * @param x          false positive rate (ROC) or recall (precision-recall)
 * @param y          true positive rate (ROC) or precision (precision-recall)
 * @param thresholds the score at or above which a row counts as positive, for each point (infinity for the first)
 * @param area       ROC: the area under the curve (trapezoids); precision-recall: the average precision
 */
public record Curve(double[] x, double[] y, double[] thresholds, double area) {
}
