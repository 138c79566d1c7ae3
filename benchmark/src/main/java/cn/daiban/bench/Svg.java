package cn.daiban.bench;

import java.util.Map;

/** A small line chart as SVG text (no dependency). */
final class Svg {

    private static final String[] COLOURS = {"#1f77b4", "#d62728", "#2ca02c", "#ff7f0e", "#9467bd", "#8c564b", "#e377c2", "#7f7f7f"};

    private Svg() {
    }

    static String lines(String title, String xLabel, String yLabel, Map<String, double[][]> series, boolean logX) {
        int w = 760;
        int h = 420;
        int left = 70;
        int right = 250;
        int top = 40;
        int bottom = 50;
        double xmin = Double.MAX_VALUE;
        double xmax = -Double.MAX_VALUE;
        double ymax = 0;
        for (double[][] s : series.values()) {
            for (double[] p : s) {
                if (Double.isNaN(p[1])) {
                    continue;
                }
                double x = logX ? Math.log(p[0]) / Math.log(2) : p[0];
                xmin = Math.min(xmin, x);
                xmax = Math.max(xmax, x);
                ymax = Math.max(ymax, p[1]);
            }
        }
        if (xmax <= xmin) {
            xmax = xmin + 1;
        }
        ymax = ymax <= 0 ? 1 : ymax * 1.1;
        double pw = w - left - right;
        double ph = h - top - bottom;
        StringBuilder b = new StringBuilder();
        b.append(String.format("<svg xmlns='http://www.w3.org/2000/svg' width='%d' height='%d' font-family='sans-serif' font-size='12'>\n", w, h));
        b.append("<rect width='100%' height='100%' fill='white'/>\n");
        b.append(String.format("<text x='%d' y='22' font-size='15'>%s</text>\n", left, title));
        b.append(String.format("<line x1='%d' y1='%d' x2='%d' y2='%d' stroke='black'/>\n", left, h - bottom, w - right, h - bottom));
        b.append(String.format("<line x1='%d' y1='%d' x2='%d' y2='%d' stroke='black'/>\n", left, top, left, h - bottom));
        for (int i = 0; i <= 5; i++) {
            double y = h - bottom - ph * i / 5;
            b.append(String.format("<line x1='%d' y1='%.1f' x2='%d' y2='%.1f' stroke='#ddd'/>", left, y, w - right, y));
            b.append(String.format("<text x='%d' y='%.1f' text-anchor='end'>%.0f</text>\n", left - 5, y + 4, ymax * i / 5));
        }
        double[] ticks = series.values().iterator().next().length > 0 ? null : new double[0];
        java.util.TreeSet<Double> xs = new java.util.TreeSet<>();
        series.values().forEach(s -> { for (double[] p : s) { xs.add(p[0]); } });
        for (double x : xs) {
            double xv = logX ? Math.log(x) / Math.log(2) : x;
            double px = left + pw * (xv - xmin) / (xmax - xmin);
            b.append(String.format("<text x='%.1f' y='%d' text-anchor='middle'>%s</text>\n", px, h - bottom + 16,
                    x >= 1e6 ? String.format("%.1fM", x / 1e6) : x >= 1e3 ? String.format("%.0fk", x / 1e3) : String.format("%.0f", x)));
        }
        b.append(String.format("<text x='%.1f' y='%d' text-anchor='middle'>%s</text>\n", left + pw / 2, h - 10, xLabel));
        b.append(String.format("<text x='15' y='%.1f' transform='rotate(-90 15 %.1f)' text-anchor='middle'>%s</text>\n", top + ph / 2, top + ph / 2, yLabel));
        int k = 0;
        for (Map.Entry<String, double[][]> e : series.entrySet()) {
            String colour = COLOURS[k % COLOURS.length];
            StringBuilder path = new StringBuilder();
            for (double[] p : e.getValue()) {
                if (Double.isNaN(p[1])) {
                    continue;
                }
                double xv = logX ? Math.log(p[0]) / Math.log(2) : p[0];
                double px = left + pw * (xv - xmin) / (xmax - xmin);
                double py = h - bottom - ph * p[1] / ymax;
                path.append(path.length() == 0 ? "M" : " L").append(String.format("%.1f %.1f", px, py));
                b.append(String.format("<circle cx='%.1f' cy='%.1f' r='3' fill='%s'/>", px, py, colour));
            }
            b.append(String.format("<path d='%s' fill='none' stroke='%s' stroke-width='2'/>\n", path, colour));
            b.append(String.format("<rect x='%d' y='%d' width='12' height='12' fill='%s'/><text x='%d' y='%d'>%s</text>\n",
                    w - right + 15, top + 20 * k, colour, w - right + 32, top + 20 * k + 10, e.getKey()));
            k++;
        }
        return b.append("</svg>\n").toString();
    }
}
