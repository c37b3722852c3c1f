package io.xai4j.graph.explain;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Node saliency maps of one graph for every class (gcnn.md §5, post-processing): raw maps M (C×N)
 * and M̂ = M / max M (all zero when max M ≤ 0), after NaN/±Inf were replaced by 0.
 *
 * @param method the explainer's name
 * @param classes class names, row c of the maps explains class c
 * @param raw M[c][n]
 * @param norm M̂[c][n]
 * @param flags diagnostics: {@code nonFinite} (values replaced by 0), and method-specific entries
 *     such as {@code degenerate} (EB classes whose top normaliser Z was 0) and {@code droppedMass}
 */
public record GraphExplanation(String method, List<String> classes, float[][] raw, float[][] norm, Map<String, Double> flags) {

    /** Builds the explanation from raw maps: sanitises (counting replaced values) and normalises jointly. */
    public static GraphExplanation of(String method, List<String> classes, float[][] raw, Map<String, Double> flags) {
        int nonFinite = 0;
        float max = 0f;
        float[][] m = new float[raw.length][];
        for (int c = 0; c < raw.length; c++) {
            m[c] = raw[c].clone();
            for (int n = 0; n < m[c].length; n++) {
                if (!Float.isFinite(m[c][n])) {
                    m[c][n] = 0f;
                    nonFinite++;
                }
                max = Math.max(max, m[c][n]);
            }
        }
        float[][] norm = new float[m.length][];
        for (int c = 0; c < m.length; c++) {
            norm[c] = new float[m[c].length];
            if (max > 0f) {
                for (int n = 0; n < m[c].length; n++) {
                    norm[c][n] = m[c][n] / max;
                }
            }
        }
        Map<String, Double> f = new LinkedHashMap<>(flags);
        f.put("nonFinite", (double) nonFinite);
        return new GraphExplanation(method, List.copyOf(classes), m, norm, Map.copyOf(f));
    }

    public int numNodes() {
        return raw[0].length;
    }

    /** True when the flag is present and non-zero. */
    public boolean flagged(String name) {
        Double v = flags.get(name);
        return v != null && v != 0.0;
    }
}
