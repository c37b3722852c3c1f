package io.xai4j.cli;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Sources and documentation point to the repository's own method notes (docs/methods/), never to sections of the
 * project's internal specification files, which a user of the repository does not have; and every
 * {@code docs/methods/<note>.md#anchor} they point to exists.
 *
 * <p>Scanned: every {@code src/main} Java file of every module, README.md, ARCHITECTURE.md and docs/**.md. Test
 * sources are not scanned for citations (this test and {@link HelpTextTest} spell the patterns out), only for anchors.
 */
class SpecCitationTest {

    /** A section sign, the spec folder, or "<file>.md §" / "spec §" (the last two are covered by the first, named for the reader). */
    private static final Pattern CITATION = Pattern.compile("§|shared/spec|[a-z-]+\\.md §|spec §");

    /** A reference to a method note's heading from anywhere: docs/methods/NOTE.md#ANCHOR (also methods/NOTE.md#ANCHOR from docs/). */
    private static final Pattern NOTE_ANCHOR = Pattern.compile("(?:docs/)?methods/([a-z0-9-]+\\.md)#([A-Za-z0-9_-]+)");

    /** A relative Markdown link inside docs/methods/: (NOTE.md#ANCHOR) or (#ANCHOR). */
    private static final Pattern LOCAL_LINK = Pattern.compile("\\]\\(([a-z0-9-]+\\.md)?#([A-Za-z0-9_-]+)\\)");

    private static final Path ROOT = findRoot();

    private static Path findRoot() {
        Path p = Path.of("").toAbsolutePath();
        while (p != null && !Files.isDirectory(p.resolve("docs/methods"))) {
            p = p.getParent();
        }
        if (p == null) {
            throw new IllegalStateException("no docs/methods above " + Path.of("").toAbsolutePath());
        }
        return p;
    }

    /** The files whose text is checked for citations. */
    private static List<Path> scannedFiles() throws IOException {
        List<Path> files = new ArrayList<>();
        files.add(ROOT.resolve("README.md"));
        files.add(ROOT.resolve("ARCHITECTURE.md"));
        files.addAll(filesUnder(ROOT.resolve("docs"), ".md"));
        try (Stream<Path> modules = Files.list(ROOT)) {
            for (Path m : modules.filter(d -> Files.isDirectory(d.resolve("src/main/java"))).sorted().toList()) {
                files.addAll(filesUnder(m.resolve("src/main/java"), ".java"));
            }
        }
        return files;
    }

    private static List<Path> testSources() throws IOException {
        List<Path> files = new ArrayList<>();
        try (Stream<Path> modules = Files.list(ROOT)) {
            for (Path m : modules.filter(d -> Files.isDirectory(d.resolve("src/test/java"))).sorted().toList()) {
                files.addAll(filesUnder(m.resolve("src/test/java"), ".java"));
            }
        }
        return files;
    }

    private static List<Path> filesUnder(Path dir, String suffix) throws IOException {
        try (Stream<Path> s = Files.walk(dir)) {
            return s.filter(f -> Files.isRegularFile(f) && f.toString().endsWith(suffix)).sorted().toList();
        }
    }

    private static List<String> lines(Path f) {
        try {
            return Files.readAllLines(f, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Test
    void noSourceOrDocCitesTheInternalSpecs() throws IOException {
        List<Path> files = scannedFiles();
        assertTrue(files.size() > 100, "scanned only " + files.size() + " files under " + ROOT);
        List<String> offending = new ArrayList<>();
        for (Path f : files) {
            List<String> text = lines(f);
            for (int i = 0; i < text.size(); i++) {
                Matcher m = CITATION.matcher(text.get(i));
                if (m.find()) {
                    offending.add(ROOT.relativize(f) + ":" + (i + 1) + ": " + text.get(i).strip());
                }
            }
        }
        assertTrue(offending.isEmpty(), offending.size() + " lines cite the internal spec instead of docs/methods/:\n"
                + String.join("\n", offending));
    }

    @Test
    void everyMethodNoteAnchorExists() throws IOException {
        Map<String, Set<String>> anchors = new HashMap<>();
        for (Path note : filesUnder(ROOT.resolve("docs/methods"), ".md")) {
            anchors.put(note.getFileName().toString(), anchorsOf(lines(note)));
        }
        List<Path> files = new ArrayList<>(scannedFiles());
        files.addAll(testSources());
        List<String> broken = new ArrayList<>();
        int checked = 0;
        for (Path f : files) {
            boolean inNotes = f.getParent().equals(ROOT.resolve("docs/methods"));
            List<String> text = lines(f);
            for (int i = 0; i < text.size(); i++) {
                List<String[]> refs = new ArrayList<>();
                Matcher m = NOTE_ANCHOR.matcher(text.get(i));
                while (m.find()) {
                    refs.add(new String[] {m.group(1), m.group(2)});
                }
                if (inNotes) {
                    Matcher l = LOCAL_LINK.matcher(text.get(i));
                    while (l.find()) {
                        refs.add(new String[] {l.group(1) == null ? f.getFileName().toString() : l.group(1), l.group(2)});
                    }
                }
                for (String[] r : refs) {
                    checked++;
                    Set<String> a = anchors.get(r[0]);
                    if (a == null || !a.contains(r[1])) {
                        broken.add(ROOT.relativize(f) + ":" + (i + 1) + ": " + r[0] + "#" + r[1] + (a == null ? " (no such note)" : " (no such heading)"));
                    }
                }
            }
        }
        assertTrue(checked > 50, "checked only " + checked + " anchors");
        assertTrue(broken.isEmpty(), broken.size() + " broken docs/methods anchors:\n" + String.join("\n", broken));
    }

    @Test
    void anchorsFollowGitHubsRule() {
        assertTrue(anchorsOf(List.of("# CAM — class activation mapping (`cam`)", "## Fitting (per class c, float64)", "## Grad-CAM Avg",
                "```", "## not a heading", "```", "## Grad-CAM Avg")).equals(Set.of("cam--class-activation-mapping-cam",
                        "fitting-per-class-c-float64", "grad-cam-avg", "grad-cam-avg-1")));
    }

    /** GitHub's heading anchors: lower case, punctuation dropped, spaces to '-', "-1", "-2" ... for repeats; fenced code skipped. */
    static Set<String> anchorsOf(List<String> lines) {
        Set<String> out = new HashSet<>();
        Map<String, Integer> seen = new HashMap<>();
        boolean fenced = false;
        for (String line : lines) {
            if (line.startsWith("```")) {
                fenced = !fenced;
                continue;
            }
            if (fenced || !line.matches("#{1,6} .*")) {
                continue;
            }
            String title = line.replaceFirst("^#+ ", "").strip().toLowerCase(java.util.Locale.ROOT);
            StringBuilder slug = new StringBuilder();
            title.codePoints().forEach(c -> {
                if (Character.isLetterOrDigit(c) || c == '-' || c == '_') {
                    slug.appendCodePoint(c);
                } else if (c == ' ') {
                    slug.append('-');
                }
            });
            String base = slug.toString();
            int n = seen.merge(base, 1, Integer::sum) - 1;
            out.add(n == 0 ? base : base + "-" + n);
        }
        return out;
    }
}
