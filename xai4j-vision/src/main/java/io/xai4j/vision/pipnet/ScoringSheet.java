package io.xai4j.vision.pipnet;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;

/**
 * The scoring sheet (docs/methods/pipnet.md#scoring-sheet): for each class, every prototype with W[c,d] &gt; 1e-3 and its
 * weight, by descending weight. With the clamped presences it reproduces the model's scores:
 * o_c = Σ_entries p̂_d·W[c,d] (+ bias_c), up to the entries at or below 1e-3 it leaves out.
 *
 * @param classes one row per class
 * @param prototypes D
 * @param bias per-class bias (zeros without bias)
 */
public record ScoringSheet(List<ClassRow> classes, int prototypes, float[] bias) {

    /** One weight of the sheet. */
    public record Entry(int prototype, float weight) {}

    /** The entries of one class. */
    public record ClassRow(int classId, String className, List<Entry> entries) {}

    /** Reads the sheet off a model (read-only). */
    public static ScoringSheet of(PipNet model) {
        float[][] w = model.weights();
        List<ClassRow> rows = new ArrayList<>();
        for (int c = 0; c < w.length; c++) {
            List<Entry> entries = new ArrayList<>();
            for (int d = 0; d < w[c].length; d++) {
                if (w[c][d] > PipNet.RELEVANCE_THRESHOLD) {
                    entries.add(new Entry(d, w[c][d]));
                }
            }
            entries.sort(Comparator.comparingDouble((Entry e) -> -e.weight()).thenComparingInt(Entry::prototype));
            rows.add(new ClassRow(c, model.classNames().get(c), List.copyOf(entries)));
        }
        return new ScoringSheet(List.copyOf(rows), model.numPrototypes(), model.bias());
    }

    /** Class scores from presences by the sheet alone: Σ p_d·W[c,d] + bias_c, summed in float as the model does. */
    public float[] scores(float[] presence) {
        float[] o = new float[classes.size()];
        for (ClassRow row : classes) {
            float s = 0f;
            for (Entry e : row.entries()) {
                s += presence[e.prototype()] * e.weight();
            }
            o[row.classId()] = s + bias[row.classId()];
        }
        return o;
    }

    /** Prototypes used by at least one class, ascending. */
    public int[] relevantPrototypes() {
        return classes.stream().flatMap(r -> r.entries().stream()).mapToInt(Entry::prototype).distinct().sorted().toArray();
    }

    /** A plain-text table: one line per class, "prototype:weight" pairs. */
    public String toText() {
        StringBuilder b = new StringBuilder();
        b.append(String.format(Locale.ROOT, "PIP-Net scoring sheet: %d classes, %d of %d prototypes relevant (W > 1e-3)%n", classes.size(),
                relevantPrototypes().length, prototypes));
        for (ClassRow r : classes) {
            b.append(String.format(Locale.ROOT, "%-16s", r.className()));
            if (r.entries().isEmpty()) {
                b.append(" (no prototype)");
            }
            for (Entry e : r.entries()) {
                b.append(String.format(Locale.ROOT, "  p%d:%.3f", e.prototype(), e.weight()));
            }
            if (bias[r.classId()] != 0f) {
                b.append(String.format(Locale.ROOT, "  bias:%.3f", bias[r.classId()]));
            }
            b.append(System.lineSeparator());
        }
        return b.toString();
    }
}
