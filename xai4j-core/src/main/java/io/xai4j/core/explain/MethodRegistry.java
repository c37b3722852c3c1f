package io.xai4j.core.explain;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.ServiceLoader;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The methods of one kind (image or graph) found on the class path, in report order, looked up by name or
 * alias; support checks compare a method's {@link Capabilities} with what a model offers. Nothing outside a
 * method's own file names the method.
 *
 * @param <P> the provider type, e.g. {@code ImageMethod}
 */
public final class MethodRegistry<P extends MethodProvider<?, ?>> {

    private final String kind;
    private final List<P> providers;
    private final Map<String, P> byKey = new LinkedHashMap<>();

    private MethodRegistry(String kind, List<P> providers) {
        this.kind = kind;
        this.providers = List.copyOf(providers);
        for (P p : this.providers) {
            register(key(p.info().name()), p);
            for (String a : p.info().aliases()) {
                register(key(a), p);
            }
        }
    }

    /** Loads every provider of {@code type} with {@link ServiceLoader}. */
    public static <P extends MethodProvider<?, ?>> MethodRegistry<P> load(String kind, Class<P> type) {
        List<P> found = new ArrayList<>();
        ServiceLoader.load(type, type.getClassLoader()).forEach(found::add);
        return of(kind, found);
    }

    /** A registry of the given providers (tests; custom method sets). */
    public static <P extends MethodProvider<?, ?>> MethodRegistry<P> of(String kind, List<P> providers) {
        List<P> sorted = new ArrayList<>(providers);
        sorted.sort(Comparator.comparingInt((P p) -> p.info().rank()).thenComparing(p -> p.info().name()));
        return new MethodRegistry<>(kind, sorted);
    }

    private void register(String key, P p) {
        P old = byKey.putIfAbsent(key, p);
        if (old != null && old != p) {
            throw new IllegalStateException(kind + " methods " + old.info().name() + " and " + p.info().name() + " share the name '" + key + "'");
        }
    }

    /** Matching ignores case and the characters '-', '_', ' ', '(' and ')'. */
    static String key(String name) {
        return name.toLowerCase(Locale.ROOT).replaceAll("[-_ ()]", "");
    }

    /** Every provider in report order. */
    public List<P> all() {
        return providers;
    }

    /** Registry names in report order. */
    public List<String> names() {
        return providers.stream().map(p -> p.info().name()).toList();
    }

    /** Names of the default set ("every method") in report order. */
    public List<String> defaultNames() {
        return providers.stream().filter(p -> p.info().inDefaultSet()).map(p -> p.info().name()).toList();
    }

    /**
     * The provider of a name or alias.
     *
     * @throws IllegalArgumentException naming the unknown method and listing the known ones
     */
    public P get(String name) {
        P p = byKey.get(key(name));
        if (p == null) {
            throw new IllegalArgumentException("unknown " + kind + " method '" + name + "'; methods are " + String.join(", ", names()));
        }
        return p;
    }

    /** Registry names of {@code names} (aliases resolved), failing on the first unknown one. */
    public List<String> canonical(List<String> names) {
        return names.stream().map(n -> get(n).info().name()).toList();
    }

    /** The methods of {@code names} a model offering {@code offered} supports, in the given order. */
    public List<String> supported(List<String> names, Set<Requirement> offered) {
        return names.stream().filter(n -> get(n).info().capabilities().supports(offered)).toList();
    }

    /**
     * Fails on the first method of {@code names} that a model offering {@code offered} cannot support,
     * saying what it lacks and which methods would work.
     *
     * @throws UnsupportedOperationException naming the method and its missing requirements
     */
    public void requireSupported(List<String> names, Set<Requirement> offered, String modelName) {
        for (String n : names) {
            MethodInfo info = get(n).info();
            if (!info.capabilities().supports(offered)) {
                throw new UnsupportedOperationException(info.name() + " " + info.capabilities().explainMissing(offered) + ", which "
                        + modelName + " does not have; methods that support it: " + String.join(", ", supported(names(), offered)));
            }
        }
    }

    /**
     * Fails unless {@code options} carries every setting the method of {@code name} requires.
     *
     * @throws IllegalArgumentException naming the method and the options to give
     */
    public void requireSettings(String name, MethodOptions options) {
        MethodInfo info = get(name).info();
        java.util.Set<MethodOptions.Setting> missing = info.missingSettings(options);
        if (!missing.isEmpty()) {
            throw new IllegalArgumentException(info.name() + " (" + info.title() + ") needs "
                    + missing.stream().map(MethodOptions.Setting::option).collect(Collectors.joining(" and ")) + ", which was not given");
        }
    }

    /** One line per method for --help: name, title, what it needs. */
    public String describe() {
        return providers.stream().map(p -> {
            MethodInfo i = p.info();
            String needs = i.capabilities().requires().isEmpty() ? "any model"
                    : i.capabilities().requires().stream().map(r -> r.name().toLowerCase(Locale.ROOT).replace('_', ' ')).collect(Collectors.joining(", "));
            return String.format(Locale.ROOT, "  %-12s %s (needs %s%s)", i.name(), i.title(), needs, i.capabilities().stochastic() ? "; seeded" : "");
        }).collect(Collectors.joining("\n"));
    }
}
