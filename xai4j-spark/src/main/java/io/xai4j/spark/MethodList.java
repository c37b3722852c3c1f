package io.xai4j.spark;

import io.xai4j.graph.explain.GraphExplainers;
import io.xai4j.vision.explain.Explainers;

/**
 * Prints the methods the registries find on the class path, one line per kind ({@code image: cam,gradcam,...}). Runs
 * without Spark ({@code java -cp xai4j-spark.jar io.xai4j.spark.MethodList}): it shows that the shaded jar's merged
 * service files still list every method.
 */
public final class MethodList {

    private MethodList() {}

    public static void main(String[] args) {
        System.out.println("image: " + String.join(",", Explainers.names()));
        System.out.println("graph: " + String.join(",", GraphExplainers.registry().names()));
    }
}
