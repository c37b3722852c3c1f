package io.xai4j.core.report;

import io.xai4j.core.io.AtomicFiles;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * One self-contained HTML page (images inlined as data URIs, no external CSS or scripts). Sections
 * are added in order; every piece of text that comes from data must pass through {@link #escape}.
 */
public final class HtmlReport {

    private final String title;
    private final List<String[]> sections = new ArrayList<>();

    public HtmlReport(String title) {
        this.title = title;
    }

    /**
     * The style rule that lets headings, captions and paragraphs break long words anywhere. Not table cells: there it
     * lets the table squeeze a number onto two lines ("0.15 / 7").
     */
    static final String WRAP_ANYWHERE = "h2,h3,p,figcaption{overflow-wrap:anywhere}";

    /** HTML-escapes text (element content and attribute values). */
    public static String escape(String s) {
        if (s == null) {
            return "";
        }
        StringBuilder b = new StringBuilder(s.length() + 16);
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '<' -> b.append("&lt;");
                case '>' -> b.append("&gt;");
                case '&' -> b.append("&amp;");
                case '"' -> b.append("&quot;");
                case '\'' -> b.append("&#39;");
                default -> b.append(c);
            }
        }
        return b.toString();
    }

    /**
     * Adds a section. {@code id} must be a simple anchor name; {@code html} is trusted markup built
     * with {@link #escape} for any data-derived text.
     */
    public HtmlReport addSection(String id, String heading, String html) {
        sections.add(new String[] {id, heading, html});
        return this;
    }

    /** An {@code <img>} tag for a data URI with an escaped caption underneath. */
    public static String figure(String dataUri, String caption) {
        return "<figure><img src=\"" + dataUri + "\" alt=\"" + escape(caption) + "\"><figcaption>"
                + escape(caption) + "</figcaption></figure>";
    }

    /**
     * A table; header and cells are escaped. A cell whose index is in {@code bold[row]} is shown bold.
     */
    public static String table(List<String> header, List<List<String>> rows, boolean[][] bold) {
        StringBuilder b = new StringBuilder("<table><thead><tr>");
        for (String h : header) {
            b.append("<th>").append(escape(h)).append("</th>");
        }
        b.append("</tr></thead><tbody>");
        for (int r = 0; r < rows.size(); r++) {
            b.append("<tr>");
            List<String> row = rows.get(r);
            for (int c = 0; c < row.size(); c++) {
                boolean strong = bold != null && bold[r] != null && c < bold[r].length && bold[r][c];
                b.append(strong ? "<td class=\"best\">" : "<td>").append(escape(row.get(c))).append("</td>");
            }
            b.append("</tr>");
        }
        return b.append("</tbody></table>").toString();
    }

    /** The whole page. */
    public String render() {
        StringBuilder b = new StringBuilder();
        b.append("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\"><title>")
                .append(escape(title))
                .append("</title><style>")
                .append("body{font-family:system-ui,sans-serif;margin:2em;color:#222}")
                .append("table{border-collapse:collapse;margin:1em 0}td,th{border:1px solid #ccc;padding:4px 8px;text-align:right}")
                .append("th{background:#f4f4f4}td.best{font-weight:bold;background:#e8f5e9}")
                .append("figure{display:inline-block;margin:4px;text-align:center}figcaption{font-size:11px;max-width:160px}")
                .append(".row{display:flex;flex-wrap:wrap;align-items:flex-start;border-bottom:1px solid #eee;padding:6px 0}")
                .append("nav a{margin-right:1em}.note{color:#666;font-size:90%}")
                // long unbroken text (a SMILES, a file name) wraps instead of running off the page
                .append(WRAP_ANYWHERE)
                .append("</style></head><body>\n<h1>")
                .append(escape(title))
                .append("</h1>\n<nav>");
        for (String[] s : sections) {
            b.append("<a href=\"#").append(escape(s[0])).append("\">").append(escape(s[1])).append("</a>");
        }
        b.append("</nav>\n");
        for (String[] s : sections) {
            b.append("<section id=\"").append(escape(s[0])).append("\"><h2>").append(escape(s[1])).append("</h2>\n")
                    .append(s[2]).append("\n</section>\n");
        }
        return b.append("</body></html>\n").toString();
    }

    /** Writes the page atomically. */
    public void write(Path file) {
        AtomicFiles.writeString(file, render());
    }
}
