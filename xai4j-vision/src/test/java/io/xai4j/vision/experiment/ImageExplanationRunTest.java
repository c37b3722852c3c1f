package io.xai4j.vision.experiment;

import static org.junit.jupiter.api.Assertions.assertEquals;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.xai4j.core.io.JsonArrayWriter;
import io.xai4j.core.runtime.Tensors;
import io.xai4j.vision.data.Normalization;
import io.xai4j.vision.model.CnnClassifier;
import io.xai4j.vision.model.ImageClassifier;
import io.xai4j.vision.model.Sequential;
import io.xai4j.vision.model.SmallResNet;
import io.xai4j.vision.model.SmallResNetConfig;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class ImageExplanationRunTest {

    private static final int SIZE = 16;

    /** Delegates to a CNN and counts the passes that start at the input images (the backbone runs). */
    static final class CountingClassifier implements ImageClassifier {
        final CnnClassifier inner;
        int backboneRuns;

        CountingClassifier(CnnClassifier inner) {
            this.inner = inner;
        }

        @Override
        public NDArray logits(NDArray images) {
            backboneRuns++;
            return inner.logits(images);
        }

        @Override
        public NDArray forwardTo(NDArray images, String layer) {
            backboneRuns++;
            return inner.forwardTo(images, layer);
        }

        @Override
        public NDArray logitsForGradient(NDArray images) {
            backboneRuns++;
            return inner.logitsForGradient(images);
        }

        @Override
        public NDArray forwardFromForGradient(NDArray activation, String layer) {
            return inner.forwardFromForGradient(activation, layer);
        }

        @Override
        public List<String> layers() {
            return inner.layers();
        }

        @Override
        public String featureLayer() {
            return inner.featureLayer();
        }

        @Override
        public Optional<LinearHead> linearHead() {
            return inner.linearHead();
        }

        @Override
        public Optional<Sequential> structure() {
            return Optional.empty(); // a method walking the layer graph would run the backbone without being counted
        }

        @Override
        public List<String> classNames() {
            return inner.classNames();
        }

        @Override
        public int[] inputShape() {
            return inner.inputShape();
        }

        @Override
        public NDManager manager() {
            return inner.manager();
        }

        @Override
        public void close() {
            inner.close();
        }
    }

    private static ImageExplanationRun.Source source(int n) {
        return new ImageExplanationRun.Source() {
            @Override
            public int size() {
                return n;
            }

            @Override
            public String name(int i) {
                return "img" + i;
            }

            @Override
            public float[] pixels(int i) {
                SplittableRandom rng = new SplittableRandom(100 + i);
                float[] p = new float[3 * SIZE * SIZE];
                for (int k = 0; k < p.length; k++) {
                    p[k] = (float) rng.nextDouble();
                }
                return p;
            }
        };
    }

    private static List<JsonNode> run(CountingClassifier net, List<String> methods, Integer target, int images, int batch) throws Exception {
        Normalization norm = new Normalization(new float[] {0.5f, 0.5f, 0.5f}, new float[] {0.25f, 0.25f, 0.25f});
        ImageExplanationRun.Settings s = new ImageExplanationRun.Settings(methods, target, batch, 1, 0, null, ImageExplanationRun.Outputs.NONE, false);
        var explainers = ImageExplanationRun.explainers(net, s);
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (JsonArrayWriter json = JsonArrayWriter.toStream(bytes)) {
            net.backboneRuns = 0;
            ImageExplanationRun.run(net, explainers, norm, source(images), null, s, json, k -> { });
            json.commit();
        }
        List<JsonNode> out = new ArrayList<>();
        new ObjectMapper().readTree(bytes.toString(StandardCharsets.UTF_8)).forEach(out::add);
        return out;
    }

    @Test
    void explainRunsTheBackboneOncePerBatchAndMethodAndReportsTheModelsTopClass() throws Exception {
        try (NDManager m = NDManager.newBaseManager()) {
            CnnClassifier cnn = SmallResNet.create(m, new SmallResNetConfig(3, 4, 8, new int[] {8, 16}, new int[] {1, 2}, 1),
                    List.of("a", "b", "c", "d"), SIZE, 3);
            CountingClassifier net = new CountingClassifier(cnn);
            int images = 7, batch = 3, batches = 3;
            List<JsonNode> one = run(net, List.of("gradcam"), null, images, batch);
            assertEquals(batches, net.backboneRuns, "one method: one backbone pass per batch, the prediction taken from it");
            List<JsonNode> three = run(net, List.of("gradcam", "cam", "cgrad"), null, images, batch);
            assertEquals(3 * batches, net.backboneRuns, "three methods: one pass per batch and method, none for the prediction");
            run(net, List.of("cam"), 2, images, batch);
            assertEquals(batches, net.backboneRuns, "an explicit target: the prediction still comes from the method's own pass");

            // reference: the top-1 class of a separate forward pass of the unwrapped model, one image at a time
            Normalization norm = new Normalization(new float[] {0.5f, 0.5f, 0.5f}, new float[] {0.25f, 0.25f, 0.25f});
            for (int i = 0; i < images; i++) {
                int expected;
                try (NDManager sub = m.newSubManager()) {
                    expected = Tensors.argmax(Tensors.toArray2(cnn.logits(norm.batch(sub, cnn.inputShape(), List.of(source(images).pixels(i))))))[0];
                }
                String name = cnn.classNames().get(expected);
                assertEquals(name, one.get(i).get("predicted").asText(), "image " + i);
                for (int k = 0; k < 3; k++) {
                    JsonNode r = three.get((i / batch) * batch * 3 + k * Math.min(batch, images - (i / batch) * batch) + i % batch);
                    assertEquals("img" + i, r.get("file").asText());
                    assertEquals(name, r.get("predicted").asText(), r.get("method") + " image " + i);
                    assertEquals(name, r.get("target").asText(), r.get("method") + " image " + i);
                }
            }
        }
    }

    @Test
    void aSourcesPerImageTargetsAreExplainedAndARunTargetOverridesThem() throws Exception {
        try (NDManager m = NDManager.newBaseManager()) {
            CnnClassifier cnn = SmallResNet.create(m, new SmallResNetConfig(3, 4, 8, new int[] {8, 16}, new int[] {1, 2}, 1),
                    List.of("a", "b", "c", "d"), SIZE, 3);
            Normalization norm = new Normalization(new float[] {0.5f, 0.5f, 0.5f}, new float[] {0.25f, 0.25f, 0.25f});
            ImageExplanationRun.Source plain = source(5);
            ImageExplanationRun.Source labelled = new ImageExplanationRun.Source() {
                @Override
                public int size() {
                    return plain.size();
                }

                @Override
                public String name(int i) {
                    return plain.name(i);
                }

                @Override
                public float[] pixels(int i) {
                    return plain.pixels(i);
                }

                @Override
                public Integer target(int i) {
                    return (3 * i + 1) % 4;
                }
            };
            for (Integer runTarget : new Integer[] {null, 2}) {
                ImageExplanationRun.Settings s = new ImageExplanationRun.Settings(List.of("gradcam"), runTarget, 2, 1, 0, null,
                        ImageExplanationRun.Outputs.NONE, false);
                ByteArrayOutputStream bytes = new ByteArrayOutputStream();
                try (JsonArrayWriter json = JsonArrayWriter.toStream(bytes)) {
                    ImageExplanationRun.run(cnn, ImageExplanationRun.explainers(cnn, s), norm, labelled, null, s, json, k -> { });
                    json.commit();
                }
                JsonNode records = new ObjectMapper().readTree(bytes.toString(StandardCharsets.UTF_8));
                for (int i = 0; i < 5; i++) {
                    int expected = runTarget != null ? runTarget : (3 * i + 1) % 4;
                    assertEquals(expected, records.get(i).get("targetIndex").asInt(), "image " + i + ", run target " + runTarget);
                }
            }
        }
    }
}
