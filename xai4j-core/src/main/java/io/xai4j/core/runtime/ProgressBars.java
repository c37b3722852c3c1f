package io.xai4j.core.runtime;

import java.time.Duration;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarRenderer;
import me.tongfei.progressbar.ProgressBarStyle;

/**
 * The training progress bars of xai4j (me.tongfei progressbar with a compact renderer). The default
 * renderer spends about 50 columns on the bar, the counts and elapsed/ETA times, so on an 80-column
 * terminal or a log without a known width the losses after the first two are cut off. This one puts
 * the task, the percentage, elapsed&lt;remaining and the extra message (the losses) first, and draws a bar
 * only in the columns left over; only a message longer than the whole line is cut.
 */
public final class ProgressBars {

    private static final int MAX_BAR = 30;
    private static final int MIN_BAR = 5;

    private ProgressBars() {}

    /** A bar over {@code max} units (images or steps) named {@code task}. */
    public static ProgressBar bar(String task, long max) {
        ProgressBarRenderer renderer = (state, maxLength) -> render(state.getTaskName(), state.getCurrent(), state.getMax(),
                state.getElapsedAfterStart(), state.getExtraMessage(), maxLength);
        return new ProgressBarBuilder().setTaskName(task).setInitialMax(max).setStyle(ProgressBarStyle.ASCII).setUpdateIntervalMillis(500)
                .setRenderer(renderer).build();
    }

    /**
     * One line: {@code task pct% [bar] elapsed<eta extra}, at most {@code maxLength} characters (the bar
     * is dropped first, then the end of the extra message).
     */
    public static String render(String task, long current, long max, Duration elapsed, String extra, int maxLength) {
        double f = max > 0 ? Math.min(1, (double) current / max) : 0;
        String eta = current > 0 && max > current ? time(elapsed.multipliedBy(max - current).dividedBy(current)) : "?";
        if (current >= max && max > 0) {
            eta = "0:00";
        }
        String head = String.format(java.util.Locale.ROOT, "%s %3d%%", task, (int) Math.floor(100 * f));
        String tail = " " + time(elapsed) + "<" + eta + (extra == null ? "" : extra.startsWith(" ") ? extra : " " + extra);
        int room = maxLength - head.length() - tail.length() - 3;
        String bar = "";
        if (room >= MIN_BAR) {
            int width = Math.min(MAX_BAR, room);
            int filled = (int) Math.floor(f * width);
            bar = " [" + "=".repeat(filled) + (filled < width ? ">" + " ".repeat(width - filled - 1) : "") + "]";
        }
        String line = head + bar + tail;
        return line.length() <= maxLength ? line : line.substring(0, Math.max(0, maxLength));
    }

    private static String time(Duration d) {
        long s = d.getSeconds();
        return s >= 3600 ? String.format(java.util.Locale.ROOT, "%d:%02d:%02d", s / 3600, s / 60 % 60, s % 60)
                : String.format(java.util.Locale.ROOT, "%d:%02d", s / 60, s % 60);
    }
}
