package io.xai4j.vision.data;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The PartShapes generator (docs/methods/partshapes.md): seeded RGB images whose class is decided by which parts
 * are present, with exact per-part ground truth. Design after FunnyBirds (Hesse et al., ICCV 2023,
 * arXiv 2308.06248) and the two-class toy example of PIP-Net (Nauta et al., CVPR 2023).
 *
 * <p><b>Vocabulary.</b> The 48 (shape, hue) part types are shuffled once with the seed; the first
 * {@code numClasses} become discriminative, the next {@code distractorTypes} distractors, the next
 * {@code unseenTypes} unseen (ood only). The discriminative types t₀..t_{K−1} lie on a cycle in
 * shuffled order and class c is {t_c, t_{c+1}, ..., t_{c+P−1}} (indices mod K): every type belongs to
 * exactly P classes, so with P ≥ 2 no single type identifies a class, and the K windows are distinct
 * because P &lt; K.
 *
 * <p><b>One image</b> (split s, index i) is drawn from its own generator seeded by (seed, s, i), so
 * any image can be drawn alone and splits are generated in parallel. Label = i mod K (balanced
 * splits; ood: −1). Parts = the class's P types (ood: P distinct unseen types) plus a distractor count
 * uniform in [minDistractors, maxDistractors] with types uniform over the distractor pool, placed in
 * random order. Each part: scale uniform in [minScale, maxScale], diameter S·partDiameter·scale,
 * rotation uniform in [0, 2π), lightness jitter uniform in ±colourJitter. Centres are drawn uniformly
 * so that the part's bounding circle lies inside the canvas and keeps a 1 px gap to every other one
 * (rejection sampling; after 100 failed draws for one part the layout restarts; after
 * {@code maxPlacementTries} draws in all the generator stops with an error naming the image).
 *
 * <p><b>Pixels.</b> Background: a smooth colour field, a 4×4 grid of control colours (grey level
 * uniform in [0.3, 0.7] plus a per-channel tint uniform in ±0.1) blended with smoothstep weights.
 * Parts are rasterised by this class, not by Java2D: 4×4 point-in-shape samples per pixel give the
 * coverage α, the pixel becomes (1−α)·background + α·colour, and the instance mask takes the pixel
 * when α &gt; 0.5 (more than 8 of 16 samples). Then every channel of every pixel (parts included)
 * gets triangular noise of standard deviation {@code pixelNoise}, and values are rounded to 8 bits.
 * Only IEEE arithmetic, {@link StrictMath} and {@link SplitMix64} are used, so the same configuration
 * gives the same bytes on every JVM.
 */
public final class PartShapesGenerator {

    private static final Logger LOG = LoggerFactory.getLogger(PartShapesGenerator.class);

    private static final long VOCABULARY_STREAM = 1000;
    private static final int TRIES_PER_PART = 100;
    private static final int BACKGROUND_GRID = 4;
    private static final double BACKGROUND_GREY_MIN = 0.3;
    private static final double BACKGROUND_GREY_MAX = 0.7;
    private static final double BACKGROUND_TINT = 0.1;
    private static final int SUBSAMPLES = 4;
    private static final int SAMPLES = SUBSAMPLES * SUBSAMPLES;
    /** Standard deviation of (u₁ + u₂ − 1) for independent uniform u: √(1/6). */
    private static final double TRIANGULAR_STD = Math.sqrt(1.0 / 6.0);

    private final PartShapesConfig config;
    private final PartShapesVocabulary vocabulary;
    private final int[] distractorPool;
    private final int[] unseenPool;

    /** A generator for one configuration; the vocabulary is fixed here from the seed. */
    public PartShapesGenerator(PartShapesConfig config) {
        this.config = config;
        this.vocabulary = vocabularyOf(config);
        this.distractorPool = ids(vocabulary.withRole(PartType.Role.DISTRACTOR));
        this.unseenPool = ids(vocabulary.withRole(PartType.Role.UNSEEN));
    }

    public PartShapesConfig config() {
        return config;
    }

    /** Part types with their roles and the class definitions. */
    public PartShapesVocabulary vocabulary() {
        return vocabulary;
    }

    /** All four splits, in memory. */
    public PartShapesDataset generate() {
        Map<Split, PartShapesSplit> splits = new EnumMap<>(Split.class);
        for (Split s : Split.values()) {
            splits.put(s, generate(s));
        }
        return new PartShapesDataset(config, vocabulary, splits);
    }

    /** One split, in memory; images are drawn in parallel and do not depend on the thread count. */
    public PartShapesSplit generate(Split split) {
        int n = config.splitSize(split);
        long start = System.nanoTime();
        Rendered[] images = new Rendered[n];
        IntStream.range(0, n).parallel().forEach(i -> images[i] = render(split, i));
        double seconds = (System.nanoTime() - start) / 1e9;
        LOG.info(String.format(Locale.ROOT, "PartShapes %s: %d images %dx%d in %.2f s (%.0f images/s)",
                split.folderName(), n, config.imageSize(), config.imageSize(), seconds, n / Math.max(seconds, 1e-9)));
        String prefix = "partshapes(seed=" + config.seed() + ")/" + split.folderName() + "/";
        String[] sources = new String[n];
        for (int i = 0; i < n; i++) {
            sources[i] = prefix + PartShapesFolder.fileStem(i, n);
        }
        return new PartShapesSplit(split, config.imageSize(), vocabulary, Arrays.asList(images), sources);
    }

    /** The role assignment and class cycle described in the class comment. */
    static PartShapesVocabulary vocabularyOf(PartShapesConfig config) {
        int[] order = IntStream.range(0, PartType.VOCABULARY_SIZE).toArray();
        shuffle(order, SplitMix64.forItem(config.seed(), VOCABULARY_STREAM, 0));
        int k = config.numClasses();
        PartType.Role[] roles = new PartType.Role[PartType.VOCABULARY_SIZE];
        Arrays.fill(roles, PartType.Role.UNUSED);
        for (int i = 0; i < k + config.distractorTypes() + config.unseenTypes(); i++) {
            roles[order[i]] = i < k ? PartType.Role.DISCRIMINATIVE
                    : i < k + config.distractorTypes() ? PartType.Role.DISTRACTOR : PartType.Role.UNSEEN;
        }
        List<PartType> types = new ArrayList<>();
        for (PartType.Shape shape : PartType.Shape.values()) {
            for (PartType.Hue hue : PartType.Hue.values()) {
                int id = PartType.idOf(shape, hue);
                types.add(new PartType(id, shape, hue, roles[id]));
            }
        }
        List<PartClass> classes = new ArrayList<>();
        for (int c = 0; c < k; c++) {
            List<Integer> members = new ArrayList<>();
            for (int j = 0; j < config.partsPerClass(); j++) {
                members.add(order[(c + j) % k]);
            }
            members.sort(null);
            String name = String.format(Locale.ROOT, "%02d-", c)
                    + members.stream().map(t -> types.get(t).name()).collect(Collectors.joining("+"));
            classes.add(new PartClass(c, name, members));
        }
        return new PartShapesVocabulary(types, classes);
    }

    /** Draws image {@code index} of {@code split}: the whole pipeline of the class comment. */
    Rendered render(Split split, int index) {
        int s = config.imageSize();
        SplitMix64 rng = SplitMix64.forItem(config.seed(), split.ordinal(), index);
        int label = split == Split.OOD ? -1 : index % config.numClasses();

        int[] parts = partsOf(label, rng);
        int nDiscriminative = label < 0 ? 0 : config.partsPerClass();
        int n = parts.length;
        boolean[] discriminative = new boolean[n];
        Arrays.fill(discriminative, 0, nDiscriminative, true);
        shuffleTogether(parts, discriminative, rng);

        double[] radius = new double[n], rotation = new double[n];
        double[][] colour = new double[n][3];
        for (int k = 0; k < n; k++) {
            double scale = rng.nextDouble(config.minScale(), config.maxScale());
            radius[k] = s * config.partDiameter() * scale / 2;
            rotation[k] = 2 * StrictMath.PI * rng.nextDouble();
            double jitter = config.colourJitter() * (2 * rng.nextDouble() - 1);
            PartType.Hue hue = vocabulary.partType(parts[k]).hue();
            for (int c = 0; c < 3; c++) {
                double base = hue.channel(c);
                colour[k][c] = jitter >= 0 ? base + (1 - base) * jitter : base * (1 + jitter);
            }
        }
        double[][] centres = place(radius, rng, split, index);

        double[] image = background(rng);
        byte[] mask = new byte[s * s];
        for (int k = 0; k < n; k++) {
            draw(image, mask, k + 1, vocabulary.partType(parts[k]).shape(), centres[k][0], centres[k][1],
                    radius[k], rotation[k], colour[k]);
        }
        byte[] pixels = quantiseWithNoise(image, rng);
        List<PartInstance> instances = new ArrayList<>(n);
        for (int k = 0; k < n; k++) {
            PartType type = vocabulary.partType(parts[k]);
            instances.add(instance(mask, k + 1, type, rgbOf(colour[k]), discriminative[k], centres[k][0],
                    centres[k][1], 2 * radius[k], rotation[k]));
        }
        return new Rendered(label, pixels, mask, List.copyOf(instances));
    }

    /** Part types of one image: discriminative (or unseen) parts first, then distractors. */
    private int[] partsOf(int label, SplitMix64 rng) {
        int p = config.partsPerClass();
        int distractors = rng.nextIntClosed(config.minDistractors(), config.maxDistractors());
        int[] parts = new int[p + distractors];
        if (label >= 0) {
            List<Integer> members = vocabulary.classes().get(label).partTypeIds();
            for (int j = 0; j < p; j++) {
                parts[j] = members.get(j);
            }
        } else {
            int[] pool = unseenPool.clone();
            for (int j = 0; j < p; j++) {
                int pick = j + rng.nextInt(pool.length - j);
                int t = pool[j];
                pool[j] = pool[pick];
                pool[pick] = t;
                parts[j] = pool[j];
            }
        }
        for (int j = p; j < parts.length; j++) {
            parts[j] = distractorPool[rng.nextInt(distractorPool.length)];
        }
        return parts;
    }

    /** Non-overlapping centres by bounded rejection sampling (class comment). */
    private double[][] place(double[] radius, SplitMix64 rng, Split split, int index) {
        int s = config.imageSize();
        int n = radius.length;
        double[][] centres = new double[n][2];
        int tries = 0;
        layout:
        while (true) {
            for (int k = 0; k < n; k++) {
                boolean placed = false;
                for (int t = 0; t < TRIES_PER_PART && !placed; t++) {
                    if (tries++ >= config.maxPlacementTries()) {
                        throw cannotPlace(radius, split, index);
                    }
                    double x = rng.nextDouble(radius[k], s - radius[k]);
                    double y = rng.nextDouble(radius[k], s - radius[k]);
                    placed = true;
                    for (int j = 0; j < k && placed; j++) {
                        double dx = x - centres[j][0], dy = y - centres[j][1];
                        double min = radius[k] + radius[j] + PartShapesConfig.PART_GAP;
                        placed = dx * dx + dy * dy >= min * min;
                    }
                    if (placed) {
                        centres[k][0] = x;
                        centres[k][1] = y;
                    }
                }
                if (!placed) {
                    continue layout;
                }
            }
            return centres;
        }
    }

    private IllegalArgumentException cannotPlace(double[] radius, Split split, int index) {
        String diameters = Arrays.stream(radius)
                .mapToObj(r -> String.format(Locale.ROOT, "%.1f", 2 * r))
                .collect(Collectors.joining(", "));
        return new IllegalArgumentException(String.format(Locale.ROOT,
                "PartShapes: the canvas cannot hold the parts: %d parts of diameters [%s] px found no"
                        + " non-overlapping layout on a %dx%d canvas within maxPlacementTries = %d random positions"
                        + " (%s image %d); use a larger imageSize, a smaller partDiameter or maxScale,"
                        + " fewer partsPerClass or distractors, or raise maxPlacementTries",
                radius.length, diameters, config.imageSize(), config.imageSize(), config.maxPlacementTries(),
                split.folderName(), index));
    }

    /** Smooth random colour field, planar [3][S·S] in [0,1] (class comment). */
    private double[] background(SplitMix64 rng) {
        int s = config.imageSize();
        int g = BACKGROUND_GRID;
        double[][] control = new double[3][g * g];
        for (int p = 0; p < g * g; p++) {
            double grey = rng.nextDouble(BACKGROUND_GREY_MIN, BACKGROUND_GREY_MAX);
            for (int c = 0; c < 3; c++) {
                control[c][p] = grey + rng.nextDouble(-BACKGROUND_TINT, BACKGROUND_TINT);
            }
        }
        int[] cell = new int[s];
        double[] weight = new double[s];
        for (int x = 0; x < s; x++) {
            double pos = (x + 0.5) / s * (g - 1);
            cell[x] = Math.min((int) pos, g - 2);
            double f = pos - cell[x];
            weight[x] = f * f * (3 - 2 * f);
        }
        double[] image = new double[3 * s * s];
        for (int c = 0; c < 3; c++) {
            double[] ctrl = control[c];
            int plane = c * s * s;
            for (int y = 0; y < s; y++) {
                int r0 = cell[y] * g, r1 = r0 + g;
                double wy = weight[y];
                for (int x = 0; x < s; x++) {
                    int c0 = cell[x];
                    double wx = weight[x];
                    double top = ctrl[r0 + c0] + (ctrl[r0 + c0 + 1] - ctrl[r0 + c0]) * wx;
                    double bottom = ctrl[r1 + c0] + (ctrl[r1 + c0 + 1] - ctrl[r1 + c0]) * wx;
                    image[plane + y * s + x] = top + (bottom - top) * wy;
                }
            }
        }
        return image;
    }

    /** Supersampled rasterisation of one part into the planar image and the instance mask. */
    private void draw(double[] image, byte[] mask, int id, PartType.Shape shape, double cx, double cy,
            double radius, double rotation, double[] colour) {
        int s = config.imageSize();
        int plane = s * s;
        double cos = StrictMath.cos(rotation), sin = StrictMath.sin(rotation);
        double inv = 1 / radius;
        // A pixel whose centre is farther than radius + √2/2 from the part centre has no sample inside.
        double reach = radius + 0.7072;
        int x0 = Math.max(0, (int) Math.floor(cx - radius)), x1 = Math.min(s - 1, (int) Math.floor(cx + radius));
        int y0 = Math.max(0, (int) Math.floor(cy - radius)), y1 = Math.min(s - 1, (int) Math.floor(cy + radius));
        for (int py = y0; py <= y1; py++) {
            for (int px = x0; px <= x1; px++) {
                double ex = px + 0.5 - cx, ey = py + 0.5 - cy;
                if (ex * ex + ey * ey > reach * reach) {
                    continue;
                }
                int covered = 0;
                for (int sy = 0; sy < SUBSAMPLES; sy++) {
                    double dy = py + (sy + 0.5) / SUBSAMPLES - cy;
                    for (int sx = 0; sx < SUBSAMPLES; sx++) {
                        double dx = px + (sx + 0.5) / SUBSAMPLES - cx;
                        double u = (dx * cos + dy * sin) * inv;
                        double v = (dy * cos - dx * sin) * inv;
                        if (shape.contains(u, v)) {
                            covered++;
                        }
                    }
                }
                if (covered == 0) {
                    continue;
                }
                double alpha = (double) covered / SAMPLES;
                int p = py * s + px;
                for (int c = 0; c < 3; c++) {
                    image[c * plane + p] += (colour[c] - image[c * plane + p]) * alpha;
                }
                if (2 * covered > SAMPLES) {
                    mask[p] = (byte) id;
                }
            }
        }
    }

    /** Adds triangular pixel noise and rounds to 8 bits, planar [3][S·S]. */
    private byte[] quantiseWithNoise(double[] image, SplitMix64 rng) {
        double amplitude = config.pixelNoise() / TRIANGULAR_STD;
        byte[] out = new byte[image.length];
        for (int i = 0; i < image.length; i++) {
            double v = image[i];
            if (amplitude > 0) {
                v += amplitude * (rng.nextDouble() + rng.nextDouble() - 1);
            }
            out[i] = (byte) (int) (Math.min(1, Math.max(0, v)) * 255 + 0.5);
        }
        return out;
    }

    /** The instance record, with box, pixel count and centroid measured on the mask. */
    private PartInstance instance(byte[] mask, int id, PartType type, int rgb, boolean discriminative,
            double cx, double cy, double diameter, double rotation) {
        int s = config.imageSize();
        int count = 0, minX = s, minY = s, maxX = -1, maxY = -1;
        long sumX = 0, sumY = 0;
        for (int y = 0; y < s; y++) {
            for (int x = 0; x < s; x++) {
                if (mask[y * s + x] == id) {
                    count++;
                    sumX += x;
                    sumY += y;
                    minX = Math.min(minX, x);
                    maxX = Math.max(maxX, x);
                    minY = Math.min(minY, y);
                    maxY = Math.max(maxY, y);
                }
            }
        }
        PartInstance.Box box = count == 0
                ? new PartInstance.Box((int) cx, (int) cy, 0, 0)
                : new PartInstance.Box(minX, minY, maxX - minX + 1, maxY - minY + 1);
        double centroidX = count == 0 ? cx : (double) sumX / count;
        double centroidY = count == 0 ? cy : (double) sumY / count;
        return new PartInstance(id, type.id(), type.shape(), type.hue(), rgb, discriminative, cx, cy, diameter,
                rotation, box, count, centroidX, centroidY);
    }

    private static int rgbOf(double[] colour) {
        int rgb = 0;
        for (int c = 0; c < 3; c++) {
            rgb = (rgb << 8) | (int) (Math.min(1, Math.max(0, colour[c])) * 255 + 0.5);
        }
        return rgb;
    }

    private static int[] ids(List<PartType> types) {
        return types.stream().mapToInt(PartType::id).toArray();
    }

    private static void shuffle(int[] a, SplitMix64 rng) {
        for (int i = a.length - 1; i > 0; i--) {
            int j = rng.nextInt(i + 1);
            int t = a[i];
            a[i] = a[j];
            a[j] = t;
        }
    }

    private static void shuffleTogether(int[] a, boolean[] b, SplitMix64 rng) {
        for (int i = a.length - 1; i > 0; i--) {
            int j = rng.nextInt(i + 1);
            int t = a[i];
            a[i] = a[j];
            a[j] = t;
            boolean u = b[i];
            b[i] = b[j];
            b[j] = u;
        }
    }

    /**
     * One drawn image: label, planar 8-bit RGB [3][S·S], instance mask [S·S] (0 = background, k = k-th
     * part) and the instance records.
     */
    record Rendered(int label, byte[] pixels, byte[] mask, List<PartInstance> instances) {}
}
