package io.xai4j.graph.model;

import java.util.Arrays;
import java.util.Comparator;
import java.util.stream.IntStream;

/** Ranking and accuracy scores for classifiers and node-level ground truth. */
public final class ClassificationMetrics {

    private ClassificationMetrics() {}

    /**
     * Area under the ROC curve as the Mann–Whitney U statistic with average ranks for ties:
     * AUC = (R₊ − n₊(n₊+1)/2) / (n₊ n₋). NaN when one class is absent.
     *
     * @param scores higher = more positive
     * @param positive 1 for positives, 0 for negatives
     */
    public static double rocAuc(double[] scores, int[] positive) {
        int n = scores.length;
        double[] ranks = averageRanks(scores);
        double rankSum = 0;
        long pos = 0;
        for (int i = 0; i < n; i++) {
            if (positive[i] != 0) {
                rankSum += ranks[i];
                pos++;
            }
        }
        long neg = n - pos;
        if (pos == 0 || neg == 0) {
            return Double.NaN;
        }
        return (rankSum - pos * (pos + 1) / 2.0) / ((double) pos * neg);
    }

    /** 1-based ranks, ties sharing their average rank. */
    static double[] averageRanks(double[] v) {
        Integer[] order = IntStream.range(0, v.length).boxed().toArray(Integer[]::new);
        Arrays.sort(order, Comparator.comparingDouble(i -> v[i]));
        double[] ranks = new double[v.length];
        int i = 0;
        while (i < order.length) {
            int j = i;
            while (j + 1 < order.length && v[order[j + 1]] == v[order[i]]) {
                j++;
            }
            double avg = (i + j) / 2.0 + 1;
            for (int k = i; k <= j; k++) {
                ranks[order[k]] = avg;
            }
            i = j + 1;
        }
        return ranks;
    }

    /** Average precision (area under precision–recall, step-wise as in scikit-learn). NaN without positives. */
    public static double averagePrecision(double[] scores, int[] positive) {
        Integer[] order = IntStream.range(0, scores.length).boxed().toArray(Integer[]::new);
        Arrays.sort(order, (a, b) -> Double.compare(scores[b], scores[a]));
        long totalPos = Arrays.stream(positive).filter(p -> p != 0).count();
        if (totalPos == 0) {
            return Double.NaN;
        }
        double ap = 0;
        int tp = 0;
        int i = 0;
        while (i < order.length) {
            int j = i;
            int tpHere = 0;
            while (j < order.length && scores[order[j]] == scores[order[i]]) {
                tpHere += positive[order[j]] != 0 ? 1 : 0;
                j++;
            }
            tp += tpHere;
            ap += (double) tpHere / totalPos * tp / j;
            i = j;
        }
        return ap;
    }

    /** Fraction of equal entries. */
    public static double accuracy(int[] predicted, int[] labels) {
        int ok = 0;
        for (int i = 0; i < labels.length; i++) {
            ok += predicted[i] == labels[i] ? 1 : 0;
        }
        return labels.length == 0 ? Double.NaN : (double) ok / labels.length;
    }
}
