package io.xai4j.graph.explain;

import java.util.List;
import java.util.Locale;

/** The method set of Pope et al. (CVPR 2019) and lookup by name. */
public final class GraphExplainers {

    private GraphExplainers() {}

    /** CG, EB, c-EB, CAM, Grad-CAM, Grad-CAM Avg, in the paper's order. */
    public static List<GraphExplainer> pope2019(int batchSize) {
        return List.of(new ContrastiveGradient(batchSize), new ExcitationBackprop(false, 0, batchSize), new ExcitationBackprop(true, 0, batchSize),
                new Cam(batchSize), new GradCam(-1, batchSize), new GradCamAverage(batchSize));
    }

    /**
     * A method by name (case-insensitive; {@code gradcam}, {@code grad-cam-avg}, {@code ceb} etc. accepted);
     * {@code eb-pope2019} and {@code c-eb-pope2019} give the official code's EB/c-EB
     * ({@link Pope2019ExcitationBackprop}, compatibility, known-incorrect).
     */
    public static GraphExplainer named(String name, int batchSize) {
        String key = name.toLowerCase(Locale.ROOT).replaceAll("[-_ ()]", "");
        return switch (key) {
            case "cg" -> new ContrastiveGradient(batchSize);
            case "cam" -> new Cam(batchSize);
            case "gradcam" -> new GradCam(-1, batchSize);
            case "gradcamavg" -> new GradCamAverage(batchSize);
            case "eb" -> new ExcitationBackprop(false, 0, batchSize);
            case "ceb" -> new ExcitationBackprop(true, 0, batchSize);
            case "ebpope2019" -> new Pope2019ExcitationBackprop(false, batchSize);
            case "cebpope2019" -> new Pope2019ExcitationBackprop(true, batchSize);
            default -> throw new IllegalArgumentException("unknown explanation method '" + name
                    + "'; expected one of CG, CAM, Grad-CAM, Grad-CAM-Avg, EB, c-EB, or EB-pope2019, c-EB-pope2019 (the official code's EB, known-incorrect)");
        };
    }
}
