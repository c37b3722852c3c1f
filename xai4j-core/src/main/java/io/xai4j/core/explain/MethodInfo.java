package io.xai4j.core.explain;

import java.util.Arrays;
import java.util.Collections;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

/**
 * A method's self-description, read by the registry, the CLI's help and option checks, {@code evaluate},
 * {@code bench} and the report.
 *
 * @param name the registry name ("gradcam++"), lower case
 * @param aliases other accepted spellings (matched ignoring case, '-', '_', ' ' and brackets)
 * @param title the name people use ("Grad-CAM++")
 * @param reference the paper (authors, venue, year, arXiv id)
 * @param family how the method attributes (Captum's layering)
 * @param capabilities what the method needs and whether it is seeded
 * @param settings the {@link MethodOptions} it reads (the CLI refuses the others as having no effect)
 * @param rank position in tables and reports (methods sort by rank, then name)
 * @param inDefaultSet part of "every method" (demo, evaluate without --method); compatibility variants are not, nor
 *     methods with a required setting
 * @param required the settings without which the method cannot be built (a trained explainer file); the registry
 *     refuses to build it without them, naming the option
 */
public record MethodInfo(
        String name,
        List<String> aliases,
        String title,
        String reference,
        Family family,
        Capabilities capabilities,
        Set<MethodOptions.Setting> settings,
        int rank,
        boolean inDefaultSet,
        Set<MethodOptions.Setting> required) {

    /** How a method attributes: the kind of computation it costs and the checks that make sense for it. */
    public enum Family {
        /** Weighted activation maps of one layer (CAM, Grad-CAM and relatives). */
        LAYER_CAM,
        /** Gradients with respect to the input. */
        GRADIENT,
        /** Relevance propagated layer by layer with rules (Excitation Backprop). */
        PROPAGATION,
        /** Many forward passes of perturbed inputs (RISE, Score-CAM's masked inputs). */
        PERTURBATION,
        /** A trained model or explainer whose own output is the explanation. */
        LEARNED
    }

    public MethodInfo {
        aliases = List.copyOf(aliases);
        settings = settings.isEmpty() ? Collections.unmodifiableSet(EnumSet.noneOf(MethodOptions.Setting.class))
                : Collections.unmodifiableSet(EnumSet.copyOf(settings));
        required = required.isEmpty() ? Collections.unmodifiableSet(EnumSet.noneOf(MethodOptions.Setting.class))
                : Collections.unmodifiableSet(EnumSet.copyOf(required));
        if (!settings.containsAll(required)) {
            throw new IllegalArgumentException("method " + name + " requires settings it does not read: " + required);
        }
        if (inDefaultSet && !required.isEmpty()) {
            throw new IllegalArgumentException("method " + name + " needs " + required + " and cannot be in the default set");
        }
    }

    /** The required settings that {@code options} lacks; empty when the method can be built from them. */
    public Set<MethodOptions.Setting> missingSettings(MethodOptions options) {
        EnumSet<MethodOptions.Setting> out = EnumSet.noneOf(MethodOptions.Setting.class);
        for (MethodOptions.Setting s : required) {
            if (!options.has(s)) {
                out.add(s);
            }
        }
        return out;
    }

    /** Starts a description of the method registered as {@code name}. */
    public static Builder builder(String name) {
        return new Builder(name);
    }

    /** True when the method reads {@code setting}. */
    public boolean reads(MethodOptions.Setting setting) {
        return settings.contains(setting);
    }

    /** Builder: {@code title}, {@code reference}, {@code family}, {@code rank} required; the rest optional. */
    public static final class Builder {
        private final String name;
        private List<String> aliases = List.of();
        private String title;
        private String reference;
        private Family family;
        private Capabilities capabilities = Capabilities.of();
        private Set<MethodOptions.Setting> settings = EnumSet.noneOf(MethodOptions.Setting.class);
        private Integer rank;
        private boolean inDefaultSet = true;
        private Set<MethodOptions.Setting> required = EnumSet.noneOf(MethodOptions.Setting.class);

        private Builder(String name) {
            this.name = name;
        }

        public Builder setTitle(String t) {
            title = t;
            return this;
        }

        public Builder setReference(String r) {
            reference = r;
            return this;
        }

        public Builder setFamily(Family f) {
            family = f;
            return this;
        }

        public Builder setRank(int r) {
            rank = r;
            return this;
        }

        public Builder optCapabilities(Capabilities c) {
            capabilities = c;
            return this;
        }

        public Builder optSettings(MethodOptions.Setting... s) {
            settings = s.length == 0 ? EnumSet.noneOf(MethodOptions.Setting.class) : EnumSet.copyOf(Arrays.asList(s));
            return this;
        }

        public Builder optAliases(String... a) {
            aliases = List.of(a);
            return this;
        }

        /** Outside the default set: run only when asked for by name. */
        public Builder optOnRequestOnly() {
            inDefaultSet = false;
            return this;
        }

        /**
         * Settings the method cannot be built without (read settings too); such a method runs only when asked for by name
         * (it leaves the default set).
         */
        public Builder optRequiredSettings(MethodOptions.Setting... s) {
            required = s.length == 0 ? EnumSet.noneOf(MethodOptions.Setting.class) : EnumSet.copyOf(Arrays.asList(s));
            inDefaultSet = inDefaultSet && s.length == 0;
            return this;
        }

        public MethodInfo build() {
            if (title == null || reference == null || family == null || rank == null) {
                throw new IllegalStateException("method " + name + " needs a title, a reference, a family and a rank");
            }
            return new MethodInfo(name, aliases, title, reference, family, capabilities, settings, rank, inDefaultSet, required);
        }
    }
}
