package io.xai4j.core.explain;

import java.util.Arrays;
import java.util.Collections;
import java.util.EnumSet;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * What an explanation method needs from a model and whether its output depends on a seed.
 *
 * @param requires the model features the method uses (Captum's split into gradient / layer / perturbation
 *     attribution, as data)
 * @param stochastic the map depends on a seed (RISE, sampled perturbations)
 */
public record Capabilities(Set<Requirement> requires, boolean stochastic) {

    public Capabilities {
        requires = requires.isEmpty() ? Collections.unmodifiableSet(EnumSet.noneOf(Requirement.class))
                : Collections.unmodifiableSet(EnumSet.copyOf(requires));
    }

    /** A deterministic method needing {@code requirements}. */
    public static Capabilities of(Requirement... requirements) {
        return new Capabilities(asSet(requirements), false);
    }

    /** A seeded method needing {@code requirements}. */
    public static Capabilities seeded(Requirement... requirements) {
        return new Capabilities(asSet(requirements), true);
    }

    /** The requirements a model offering {@code offered} lacks; empty when the method supports the model. */
    public Set<Requirement> missing(Set<Requirement> offered) {
        EnumSet<Requirement> out = requires.isEmpty() ? EnumSet.noneOf(Requirement.class) : EnumSet.copyOf(requires);
        out.removeAll(offered);
        return out;
    }

    /** True when a model offering {@code offered} has everything the method needs. */
    public boolean supports(Set<Requirement> offered) {
        return missing(offered).isEmpty();
    }

    /** "needs a feature layer (...) and ..." for the requirements a model lacks. */
    public String explainMissing(Set<Requirement> offered) {
        return "needs " + missing(offered).stream().map(Requirement::description).collect(Collectors.joining(" and "));
    }

    private static Set<Requirement> asSet(Requirement... r) {
        return r.length == 0 ? EnumSet.noneOf(Requirement.class) : EnumSet.copyOf(Arrays.asList(r));
    }
}
