package io.xai4j.core.metrics;

/**
 * What every metric says about itself, image or graph (Quantus' convention: the name, which direction is better and the
 * family live on the metric, not only on its result). A {@link MetricResult} carries the same three fields, and
 * evaluations keep results by {@link #name()}.
 */
public interface Metric {

    /** The metric's name, direction and category. */
    Descriptor describe();

    /** The name results are kept under ({@code "deletion_auc"}, {@code "fidelity_plus"}, ...). */
    default String name() {
        return describe().name();
    }

    /** Which way the metric is better. */
    default Direction direction() {
        return describe().direction();
    }

    /** The Quantus-style family. */
    default Category category() {
        return describe().category();
    }

    /** A metric's self-description, e.g. of a metric computed by a static method or one of several outputs of one computation. */
    static Descriptor of(String name, Direction direction, Category category) {
        return new Descriptor(name, direction, category);
    }

    /** A metric's self-description without behaviour. */
    record Descriptor(String name, Direction direction, Category category) implements Metric {

        @Override
        public Descriptor describe() {
            return this;
        }
    }
}
