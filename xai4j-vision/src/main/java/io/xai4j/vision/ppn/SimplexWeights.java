package io.xai4j.vision.ppn;

import java.util.ArrayList;
import java.util.List;
import java.util.function.ToDoubleFunction;
import org.apache.commons.math3.exception.TooManyEvaluationsException;
import org.apache.commons.math3.exception.TooManyIterationsException;
import org.apache.commons.math3.optim.ConvergenceChecker;
import org.apache.commons.math3.optim.InitialGuess;
import org.apache.commons.math3.optim.MaxEval;
import org.apache.commons.math3.optim.MaxIter;
import org.apache.commons.math3.optim.PointValuePair;
import org.apache.commons.math3.optim.nonlinear.scalar.GoalType;
import org.apache.commons.math3.optim.nonlinear.scalar.ObjectiveFunction;
import org.apache.commons.math3.optim.nonlinear.scalar.noderiv.NelderMeadSimplex;
import org.apache.commons.math3.optim.nonlinear.scalar.noderiv.SimplexOptimizer;

/**
 * Minimises a function of weights β on the probability simplex (β ≥ 0, Σβ = 1) with Nelder–Mead (Commons Math's
 * {@link SimplexOptimizer}), through β = softmax(u) with u_k = 0 fixed, so k − 1 values are free
 * (docs/methods/posthoc-ppn.md#residual-distribution): coefficients reflection 1, expansion 2, contraction 0.5, shrink 0.5; start at u = 0 with
 * the simplex u0, u0 + e_j; stop when the spread of the objective over the vertices is below 1e-6 and the simplex
 * diameter below 1e-4, or after 200·(k − 1) iterations (then the best point seen is kept).
 */
public final class SimplexWeights {

    static final double SPREAD = 1e-6;
    static final double DIAMETER = 1e-4;

    /**
     * @param beta the minimising weights
     * @param value the objective there
     * @param iterations Nelder–Mead iterations
     * @param converged the stopping rule was met before the iteration cap
     */
    public record Result(double[] beta, double value, int iterations, boolean converged) {}

    private SimplexWeights() {}

    /** β = softmax(u₁, …, u_{k−1}, 0). */
    public static double[] softmax(double[] free) {
        int k = free.length + 1;
        double max = 0;
        for (double u : free) {
            max = Math.max(max, u);
        }
        double[] b = new double[k];
        double sum = 0;
        for (int i = 0; i < k; i++) {
            b[i] = Math.exp((i < k - 1 ? free[i] : 0) - max);
            sum += b[i];
        }
        for (int i = 0; i < k; i++) {
            b[i] /= sum;
        }
        return b;
    }

    /** Minimises {@code objective(β)} over the k-simplex; k = 1 gives β = (1). */
    public static Result minimise(int k, ToDoubleFunction<double[]> objective) {
        if (k < 1) {
            throw new IllegalArgumentException("k must be ≥ 1, got " + k);
        }
        if (k == 1) {
            return new Result(new double[] {1}, objective.applyAsDouble(new double[] {1}), 0, true);
        }
        int free = k - 1;
        double[] best = new double[free];
        double[] bestValue = {Double.POSITIVE_INFINITY};
        ObjectiveFunction f = new ObjectiveFunction(u -> {
            double j = objective.applyAsDouble(softmax(u));
            if (j < bestValue[0]) {
                bestValue[0] = j;
                System.arraycopy(u, 0, best, 0, free);
            }
            return j;
        });
        double[] steps = new double[free];
        java.util.Arrays.fill(steps, 1.0);
        SimplexOptimizer optimizer = new SimplexOptimizer(new VertexSpread(free + 1));
        int maxIter = 200 * free;
        try {
            PointValuePair p = optimizer.optimize(new MaxIter(maxIter), new MaxEval(Integer.MAX_VALUE), f, GoalType.MINIMIZE,
                    new InitialGuess(new double[free]), new NelderMeadSimplex(steps, 1.0, 2.0, 0.5, 0.5));
            return new Result(softmax(p.getPoint()), p.getValue(), optimizer.getIterations(), true);
        } catch (TooManyIterationsException | TooManyEvaluationsException e) {
            return new Result(softmax(best), bestValue[0], maxIter, false);
        }
    }

    /**
     * The stopping rule of docs/methods/posthoc-ppn.md#residual-distribution on Commons Math's per-vertex checker: the optimizer asks about the vertices one after
     * another and stops asking at the first "no", so this answers "yes" until it has seen all of them, then decides
     * on the whole simplex: objective spread &lt; 1e-6 and diameter &lt; 1e-4.
     */
    private static final class VertexSpread implements ConvergenceChecker<PointValuePair> {
        private final int vertices;
        private final List<PointValuePair> seen = new ArrayList<>();

        VertexSpread(int vertices) {
            this.vertices = vertices;
        }

        @Override
        public boolean converged(int iteration, PointValuePair previous, PointValuePair current) {
            seen.add(current);
            if (seen.size() < vertices) {
                return true;
            }
            double lo = Double.POSITIVE_INFINITY, hi = Double.NEGATIVE_INFINITY, diameter = 0;
            for (int a = 0; a < seen.size(); a++) {
                lo = Math.min(lo, seen.get(a).getValue());
                hi = Math.max(hi, seen.get(a).getValue());
                for (int b = a + 1; b < seen.size(); b++) {
                    double[] x = seen.get(a).getPointRef(), y = seen.get(b).getPointRef();
                    double d2 = 0;
                    for (int i = 0; i < x.length; i++) {
                        d2 += (x[i] - y[i]) * (x[i] - y[i]);
                    }
                    diameter = Math.max(diameter, Math.sqrt(d2));
                }
            }
            seen.clear();
            return hi - lo < SPREAD && diameter < DIAMETER;
        }
    }
}
