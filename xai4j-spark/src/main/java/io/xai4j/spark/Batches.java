package io.xai4j.spark;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.function.Function;
import org.apache.spark.sql.Row;

/**
 * A partition's rows explained a batch at a time, lazily: Spark pulls output rows, and the next batch of input rows is
 * read and explained only when the previous batch's rows are used up, so a partition holds one batch whatever its size.
 */
final class Batches implements Iterator<Row> {

    private final Iterator<Row> input;
    private final int size;
    private final Function<List<Row>, List<Row>> explain;
    private final Deque<Row> ready = new ArrayDeque<>();

    Batches(Iterator<Row> input, int size, Function<List<Row>, List<Row>> explain) {
        this.input = input;
        this.size = size;
        this.explain = explain;
    }

    @Override
    public boolean hasNext() {
        while (ready.isEmpty() && input.hasNext()) {
            List<Row> batch = new ArrayList<>(size);
            while (batch.size() < size && input.hasNext()) {
                batch.add(input.next());
            }
            ready.addAll(explain.apply(batch));
        }
        return !ready.isEmpty();
    }

    @Override
    public Row next() {
        if (!hasNext()) {
            throw new NoSuchElementException();
        }
        return ready.poll();
    }
}
