package io.xai4j.core.report;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class HtmlReportTest {

    @Test
    void textFromDataIsEscapedInTablesFiguresAndHeadings() {
        String evil = "<script>alert('x')</script>&\"";
        HtmlReport r = new HtmlReport("t " + evil);
        r.addSection("s", "class " + evil, HtmlReport.table(List.of(evil), List.of(List.of(evil)), null)
                + HtmlReport.figure("data:image/png;base64,AA==", evil));
        String html = r.render();
        assertFalse(html.contains("<script>"), "raw <script> must not appear");
        assertTrue(html.contains("&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt;&amp;&quot;"));
    }

    @Test
    void bestCellsAreMarked() {
        String t = HtmlReport.table(List.of("m", "v"), List.of(List.of("a", "1"), List.of("b", "2")), new boolean[][] {null, {false, true}});
        assertTrue(t.contains("<td class=\"best\">2</td>"));
        assertFalse(t.contains("<td class=\"best\">1</td>"));
    }

    @Test
    void longUnbrokenTextMayWrapInHeadingsAndCaptionsButNotNumbersInCells() {
        String smiles = "C".repeat(400);
        String html = new HtmlReport("t").addSection("s", "S", "<h3>" + smiles + "</h3>" + HtmlReport.figure("data:image/png;base64,AA==", smiles))
                .render();
        String style = html.substring(html.indexOf("<style>"), html.indexOf("</style>"));
        java.util.regex.Matcher rule = java.util.regex.Pattern.compile("([a-z0-9,]+)\\{overflow-wrap:anywhere\\}").matcher(style);
        assertTrue(rule.find(), "no overflow-wrap rule: " + style);
        List<String> selectors = List.of(rule.group(1).split(","));
        for (String element : List.of("h3", "figcaption", "p")) {
            assertTrue(selectors.contains(element), element + " may not wrap a long SMILES: " + style);
        }
        assertFalse(style.contains("td{overflow-wrap:anywhere") || selectors.contains("td"), "numbers in table cells must not break: " + style);
    }
}
