package io.xai4j.graph.data;

/** An edge between nodes {@code u} and {@code v} with a positive weight (1 for unweighted graphs). */
public record Edge(int u, int v, float weight) {

    public Edge {
        if (!(weight > 0) || !Float.isFinite(weight)) {
            throw new IllegalArgumentException("edge (" + u + "," + v + ") has weight " + weight + "; weights must be finite and > 0");
        }
    }

    public static Edge of(int u, int v) {
        return new Edge(u, v, 1f);
    }
}
