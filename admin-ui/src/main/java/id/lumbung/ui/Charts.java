package id.lumbung.ui;

import id.lumbung.core.oversight.QualityPoint;
import java.time.LocalDate;
import java.util.List;
import java.util.Locale;

/**
 * Charts drawn on the server as small inline SVG (no script, no library, a few hundred bytes
 * each): the pages stay light on a weak PC over mobile data. Only numbers go into them.
 */
final class Charts {
    /** Desil 1 (poorest) to 10, then unknown: from dark to light, unknown grey. */
    private static final String[] DESIL_COLOURS = {
        "#7a1f12", "#a3341f", "#c4502e", "#d9713f", "#e69353", "#eeb26e", "#f1cd8f", "#e8dfb0", "#cfd8b8", "#aecbb5",
        "#c9c9c9"
    };

    private Charts() {}

    /** The households by desil as one stacked bar, 160 × 14. */
    static String desil(String counts) {
        String[] parts = counts.split(",");
        long total = 0;
        for (String part : parts) {
            total += Long.parseLong(part.strip());
        }
        StringBuilder svg = new StringBuilder(
                "<svg class=\"chart\" width=\"160\" height=\"14\" viewBox=\"0 0 160 14\" role=\"img\">");
        svg.append("<title>Keluarga per desil 1–10 dan tanpa desil: ")
                .append(String.join(", ", parts))
                .append("</title>");
        if (total > 0) {
            double x = 0;
            for (int i = 0; i < parts.length && i < DESIL_COLOURS.length; i++) {
                double width = 160.0 * Long.parseLong(parts[i].strip()) / total;
                if (width > 0) {
                    svg.append(String.format(
                            Locale.ROOT,
                            "<rect x=\"%.1f\" y=\"0\" width=\"%.1f\" height=\"14\" fill=\"%s\"/>",
                            x,
                            width,
                            DESIL_COLOURS[i]));
                }
                x += width;
            }
        }
        return svg.append("</svg>").toString();
    }

    /**
     * The data-quality score over the days from {@code from} to today as a line, 120 × 24: each
     * point holds until the next one.
     */
    static String trend(List<QualityPoint> points, LocalDate from, LocalDate today) {
        StringBuilder svg = new StringBuilder(
                "<svg class=\"chart\" width=\"120\" height=\"24\" viewBox=\"0 0 120 24\" role=\"img\">");
        svg.append("<title>Mutu data per hari sejak ").append(from).append("</title>");
        long days = Math.max(1, today.toEpochDay() - from.toEpochDay());
        StringBuilder line = new StringBuilder();
        Double last = null;
        for (QualityPoint point : points) {
            if (point.quality() == null) {
                continue;
            }
            double x = 120.0 * (point.day().toEpochDay() - from.toEpochDay()) / days;
            double y = 22 - 20 * point.quality() / 100.0;
            if (last != null) {
                line.append(String.format(Locale.ROOT, " %.1f,%.1f", x, 22 - 20 * last / 100.0));
            }
            line.append(String.format(Locale.ROOT, " %.1f,%.1f", x, y));
            last = point.quality();
        }
        if (last != null) {
            line.append(String.format(Locale.ROOT, " 120,%.1f", 22 - 20 * last / 100.0));
            svg.append("<polyline fill=\"none\" stroke=\"#2f5d50\" stroke-width=\"1.5\" points=\"")
                    .append(line.toString().strip())
                    .append("\"/>");
        }
        return svg.append("</svg>").toString();
    }

    /** A score as a horizontal bar, 100 × 10, or nothing when there is no score. */
    static String bar(Double score) {
        if (score == null) {
            return "";
        }
        String colour = score >= 80 ? "#2f5d50" : score >= 60 ? "#c98a00" : "#a3341f";
        return String.format(
                Locale.ROOT,
                "<svg class=\"chart\" width=\"100\" height=\"10\" viewBox=\"0 0 100 10\" role=\"img\">"
                        + "<rect width=\"100\" height=\"10\" fill=\"#e3e0d6\"/>"
                        + "<rect width=\"%.1f\" height=\"10\" fill=\"%s\"/></svg>",
                score,
                colour);
    }
}
