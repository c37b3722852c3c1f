package io.xai4j.core.explain;

import java.util.Map;

/**
 * What every explanation carries, image or graph, under the same names (Quantus-style self-description):
 * the method that made it, the class each row explains, that class's pre-softmax score, and the method's
 * parameters. Images add {@code raw} / {@code maps} per image ({@link Attribution}); graphs add node maps per
 * class and an optional edge mask ({@code io.xai4j.graph.explain.GraphExplanation}).
 */
public interface Explanation {

    /** The method's registry name. */
    String method();

    /** The class each row explains. */
    int[] targets();

    /** The pre-softmax score of each row's class (NaN where the method did not compute it). */
    float[] targetScores();

    /** The method's parameters (layer, seed, number of masks, ...). */
    Map<String, Object> params();
}
