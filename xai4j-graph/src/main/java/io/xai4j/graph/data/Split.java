package io.xai4j.graph.data;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;

/** Indices of a train/valid/test split. */
public record Split(List<Integer> train, List<Integer> valid, List<Integer> test) {

    public Split {
        train = List.copyOf(train);
        valid = List.copyOf(valid);
        test = List.copyOf(test);
    }

    /** A seeded random 80/10/10-style split: a permutation cut at ⌊f_train·n⌋ and ⌊(f_train+f_valid)·n⌋. */
    public static Split random(int n, double trainFraction, double validFraction, long seed) {
        List<Integer> order = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            order.add(i);
        }
        Collections.shuffle(order, new Random(seed));
        int a = (int) Math.floor(trainFraction * n);
        int b = (int) Math.floor((trainFraction + validFraction) * n);
        return new Split(order.subList(0, a), order.subList(a, b), order.subList(b, n));
    }

    /** The selected items. */
    public static <T> List<T> select(List<T> items, List<Integer> indices) {
        List<T> out = new ArrayList<>(indices.size());
        for (int i : indices) {
            out.add(items.get(i));
        }
        return out;
    }
}
