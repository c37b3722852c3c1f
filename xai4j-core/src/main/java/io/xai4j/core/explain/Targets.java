package io.xai4j.core.explain;

import java.util.Arrays;

/**
 * Which classes to explain, resolved once for every method (Captum's {@code target}, PyTorch Geometric's
 * explanation type): an explicit class per input, the model's top-1 class (the default), or every class.
 * Explainers never resolve targets themselves; they receive one class per input row.
 */
public final class Targets {

    private enum Kind { TOP1, EXPLICIT, ALL }

    private static final Targets TOP1 = new Targets(Kind.TOP1, null);
    private static final Targets ALL = new Targets(Kind.ALL, null);

    private final Kind kind;
    private final int[] classes;

    private Targets(Kind kind, int[] classes) {
        this.kind = kind;
        this.classes = classes;
    }

    /** The model's highest-scoring class per input. */
    public static Targets top1() {
        return TOP1;
    }

    /** Every class for every input (one map per input and class). */
    public static Targets allClasses() {
        return ALL;
    }

    /** One given class per input; {@code null} means {@link #top1()}. */
    public static Targets of(int... perInput) {
        return perInput == null ? TOP1 : new Targets(Kind.EXPLICIT, perInput.clone());
    }

    public boolean isTop1() {
        return kind == Kind.TOP1;
    }

    public boolean isAllClasses() {
        return kind == Kind.ALL;
    }

    /** The explicit classes, or null for top-1 / all classes. */
    public int[] explicit() {
        return classes == null ? null : classes.clone();
    }

    /**
     * The class to explain for each input row, given the model's scores [B][C]; for {@link #allClasses()}
     * the caller lays the inputs out once per class (see {@link #expand}) and passes explicit targets.
     *
     * @throws IllegalArgumentException for a wrong count or a class outside 0..C−1, naming the input
     */
    public int[] resolve(float[][] scores) {
        if (kind == Kind.ALL) {
            throw new IllegalStateException("every-class targets are expanded into explicit ones before an explainer runs");
        }
        if (kind == Kind.TOP1) {
            int[] out = new int[scores.length];
            for (int b = 0; b < scores.length; b++) {
                int best = 0;
                for (int c = 1; c < scores[b].length; c++) {
                    if (scores[b][c] > scores[b][best]) {
                        best = c;
                    }
                }
                out[b] = best;
            }
            return out;
        }
        if (classes.length != scores.length) {
            throw new IllegalArgumentException("got " + classes.length + " targets for " + scores.length + " inputs");
        }
        for (int b = 0; b < classes.length; b++) {
            if (classes[b] < 0 || classes[b] >= scores[b].length) {
                throw new IllegalArgumentException(
                        "target " + classes[b] + " of input " + b + " is outside 0.." + (scores[b].length - 1));
            }
        }
        return classes.clone();
    }

    /**
     * For {@link #allClasses()}: the class of each row when {@code inputs} inputs are repeated once per class,
     * class-major (rows c·B .. c·B+B−1 explain class c).
     */
    public static int[] expand(int inputs, int numClasses) {
        int[] out = new int[inputs * numClasses];
        for (int c = 0; c < numClasses; c++) {
            Arrays.fill(out, c * inputs, (c + 1) * inputs, c);
        }
        return out;
    }

    /** scores[b][targets[b]]. */
    public static float[] scoresOf(float[][] scores, int[] targets) {
        float[] s = new float[targets.length];
        for (int b = 0; b < s.length; b++) {
            s[b] = scores[b][targets[b]];
        }
        return s;
    }

    @Override
    public String toString() {
        return switch (kind) {
            case TOP1 -> "top-1";
            case ALL -> "all classes";
            case EXPLICIT -> Arrays.toString(classes);
        };
    }
}
