package io.minisqld.benchmarks;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.FontMetrics;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.Stroke;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeSet;
import javax.imageio.ImageIO;

/**
 * Turns the runs of {@code benchmarks/semisync/run.sh} into medians: prints a markdown table
 * (TPS and p95 per system, mode and thread count, with semisync/async ratios) and draws TPS
 * against threads for every system × mode series as a PNG (java.awt, headless).
 *
 * <pre>java -Djava.awt.headless=true SemisyncReport.java runs.csv chart.png</pre>
 *
 * <p>Runs with the JDK's single-file source launcher, so the script needs no build of this module.
 */
public final class SemisyncReport {

    private static final List<String> MODES = List.of("async", "after_sync", "after_commit");

    /**
     * One sysbench run: a row of runs.csv, with what explains it: commits per binlog group,
     * fsync+fdatasync calls of the replica process per source commit, the mean wait of a commit
     * that waited for an ack (µs), and how long the replica needed to catch up before the run.
     * NaN where the counter is missing.
     */
    record Run(int round, String system, String mode, int threads, double tps, double p95,
               double commitsPerGroup, double replicaFsyncsPerCommit, double replicaFsyncsPerSecond,
               double waitUs, double catchupS) {}

    /** The medians of one system × mode × thread count cell over the rounds. */
    record Cell(double tps, double p95, double tpsMin, double tpsMax, int runs) {}

    private SemisyncReport() {}

    /**
     * Reads {@code args[0]} (runs.csv), prints the median table on stdout, writes the chart to
     * {@code args[1]}.
     */
    public static void main(String[] args) throws IOException {
        if (args.length != 2) {
            System.err.println("usage: SemisyncReport runs.csv chart.png");
            System.exit(2);
        }
        List<Run> runs = read(Path.of(args[0]));
        Map<String, Map<Integer, Cell>> series = medians(runs);
        System.out.print(table(series, runs));
        System.out.println();
        System.out.print(limits(runs));
        draw(series, Path.of(args[1]));
    }

    static List<Run> read(Path csv) throws IOException {
        List<String> lines = Files.readAllLines(csv);
        List<String> header = List.of(lines.get(0).split(","));
        int round = header.indexOf("round"), system = header.indexOf("system"),
                mode = header.indexOf("mode"), threads = header.indexOf("threads"),
                tps = header.indexOf("tps"), p95 = header.indexOf("p95_ms");
        List<Run> runs = new ArrayList<>();
        for (String line : lines.subList(1, lines.size())) {
            String[] f = line.split(",", -1);
            if (f.length < header.size() || f[tps].isEmpty()) {
                continue;
            }
            double commits = number(f, header, "binlog_commits");
            runs.add(new Run(Integer.parseInt(f[round]), f[system], f[mode], Integer.parseInt(f[threads]),
                    Double.parseDouble(f[tps]), Double.parseDouble(f[p95]),
                    commits / number(f, header, "binlog_group_commits"),
                    number(f, header, "replica_fsyncs") / commits,
                    // the run's length is its commits over its TPS
                    number(f, header, "replica_fsyncs") * Double.parseDouble(f[tps]) / commits,
                    number(f, header, "tx_wait_time_us") / number(f, header, "tx_waits"),
                    number(f, header, "catchup_s")));
        }
        return runs;
    }

    private static double number(String[] fields, List<String> header, String name) {
        int i = header.indexOf(name);
        return i < 0 || fields[i].isEmpty() ? Double.NaN : Double.parseDouble(fields[i]);
    }

    /** Series key "system mode" (systems in first-seen order, modes in MODES order) → threads → cell. */
    static Map<String, Map<Integer, Cell>> medians(List<Run> runs) {
        Map<String, Map<Integer, Cell>> series = new LinkedHashMap<>();
        List<String> systems = runs.stream().map(Run::system).distinct().toList();
        TreeSet<Integer> threads = new TreeSet<>(runs.stream().map(Run::threads).toList());
        for (String system : systems) {
            for (String mode : MODES) {
                Map<Integer, Cell> cells = new LinkedHashMap<>();
                for (int t : threads) {
                    List<Run> cell = runs.stream()
                            .filter(r -> r.system().equals(system) && r.mode().equals(mode) && r.threads() == t)
                            .toList();
                    if (!cell.isEmpty()) {
                        List<Double> tps = cell.stream().map(Run::tps).sorted().toList();
                        cells.put(t, new Cell(median(tps), median(cell.stream().map(Run::p95).sorted().toList()),
                                tps.get(0), tps.get(tps.size() - 1), cell.size()));
                    }
                }
                if (!cells.isEmpty()) {
                    series.put(system + " " + mode, cells);
                }
            }
        }
        return series;
    }

    /**
     * Medians of the explaining counters per system × mode × threads (NaN values left out: an
     * async run has no ack waits).
     */
    static String limits(List<Run> runs) {
        StringBuilder out = new StringBuilder();
        out.append("| system | mode | threads | commits per binlog group | replica fsyncs per commit "
                + "| replica fsyncs/s | mean ack wait per waiting commit µs | replica catch-up before the run s |\n");
        out.append("|---|---|---:|---:|---:|---:|---:|---:|\n");
        List<String> systems = runs.stream().map(Run::system).distinct().toList();
        TreeSet<Integer> threads = new TreeSet<>(runs.stream().map(Run::threads).toList());
        for (String system : systems) {
            for (String mode : MODES) {
                for (int t : threads) {
                    List<Run> cell = runs.stream()
                            .filter(r -> r.system().equals(system) && r.mode().equals(mode) && r.threads() == t)
                            .toList();
                    if (cell.isEmpty()) {
                        continue;
                    }
                    out.append(String.format(Locale.ROOT, "| %s | %s | %d | %s | %s | %s | %s | %s |%n", system, mode, t,
                            fmt(cell, Run::commitsPerGroup, "%.1f"), fmt(cell, Run::replicaFsyncsPerCommit, "%.2f"),
                            fmt(cell, Run::replicaFsyncsPerSecond, "%.0f"),
                            fmt(cell, Run::waitUs, "%.0f"), fmt(cell, Run::catchupS, "%.0f")));
                }
            }
        }
        return out.toString();
    }

    private static String fmt(List<Run> cell, java.util.function.ToDoubleFunction<Run> f, String format) {
        List<Double> values = cell.stream().mapToDouble(f).filter(v -> !Double.isNaN(v) && !Double.isInfinite(v))
                .sorted().boxed().toList();
        return values.isEmpty() ? "–" : String.format(Locale.ROOT, format, median(values));
    }

    static double median(List<Double> sorted) {
        int n = sorted.size();
        return n % 2 == 1 ? sorted.get(n / 2) : (sorted.get(n / 2 - 1) + sorted.get(n / 2)) / 2;
    }

    static String table(Map<String, Map<Integer, Cell>> series, List<Run> runs) {
        StringBuilder out = new StringBuilder();
        out.append("| system | mode | threads | TPS median | TPS min–max | p95 ms median | TPS vs own async | runs |\n");
        out.append("|---|---|---:|---:|---:|---:|---:|---:|\n");
        for (Map.Entry<String, Map<Integer, Cell>> e : series.entrySet()) {
            String[] sm = e.getKey().split(" ");
            Map<Integer, Cell> async = series.get(sm[0] + " async");
            for (Map.Entry<Integer, Cell> c : e.getValue().entrySet()) {
                Cell cell = c.getValue();
                String ratio = "async".equals(sm[1]) ? "(baseline)"
                        : async != null && async.containsKey(c.getKey())
                        ? String.format(Locale.ROOT, "%.2f", cell.tps() / async.get(c.getKey()).tps()) : "";
                out.append(String.format(Locale.ROOT, "| %s | %s | %d | %.0f | %.0f–%.0f | %.2f | %s | %d |%n",
                        sm[0], sm[1], c.getKey(), cell.tps(), cell.tpsMin(), cell.tpsMax(), cell.p95(), ratio,
                        cell.runs()));
            }
        }
        return out.toString();
    }

    static void draw(Map<String, Map<Integer, Cell>> series, Path png) throws IOException {
        int width = 1000, height = 640, left = 90, right = 250, top = 60, bottom = 70;
        BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = image.createGraphics();
        g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
        g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
        g.setColor(Color.WHITE);
        g.fillRect(0, 0, width, height);

        TreeSet<Integer> threads = new TreeSet<>();
        double maxTps = 0;
        for (Map<Integer, Cell> cells : series.values()) {
            threads.addAll(cells.keySet());
            for (Cell c : cells.values()) {
                maxTps = Math.max(maxTps, c.tps());
            }
        }
        double yMax = niceCeiling(maxTps * 1.05);
        double xMin = log2(threads.first()), xMax = Math.max(log2(threads.last()), xMin + 1);
        int plotW = width - left - right, plotH = height - top - bottom;

        g.setFont(new Font(Font.SANS_SERIF, Font.BOLD, 18));
        g.setColor(Color.BLACK);
        g.drawString("sysbench oltp_insert: TPS vs client threads (median over rounds)", left, 32);

        g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 13));
        FontMetrics fm = g.getFontMetrics();
        int yTicks = 5;
        for (int i = 0; i <= yTicks; i++) {
            double v = yMax * i / yTicks;
            int y = top + plotH - (int) Math.round(plotH * i / (double) yTicks);
            g.setColor(new Color(225, 225, 225));
            g.drawLine(left, y, left + plotW, y);
            g.setColor(Color.BLACK);
            String label = String.format(Locale.ROOT, "%,.0f", v);
            g.drawString(label, left - 8 - fm.stringWidth(label), y + 5);
        }
        for (int t : threads) {
            int x = left + (int) Math.round(plotW * (log2(t) - xMin) / (xMax - xMin));
            g.setColor(new Color(225, 225, 225));
            g.drawLine(x, top, x, top + plotH);
            g.setColor(Color.BLACK);
            String label = Integer.toString(t);
            g.drawString(label, x - fm.stringWidth(label) / 2, top + plotH + 20);
        }
        g.drawRect(left, top, plotW, plotH);
        String xLabel = "client threads (log2 scale)";
        g.drawString(xLabel, left + plotW / 2 - fm.stringWidth(xLabel) / 2, top + plotH + 45);
        Graphics2D rotated = (Graphics2D) g.create();
        rotated.rotate(-Math.PI / 2);
        rotated.drawString("transactions per second", -(top + plotH / 2 + 70), 22);
        rotated.dispose();

        Color[] colors = {new Color(0, 90, 200), new Color(200, 60, 0), new Color(0, 150, 70)};
        Stroke solid = new BasicStroke(2.5f);
        Stroke dashed = new BasicStroke(2.5f, BasicStroke.CAP_BUTT, BasicStroke.JOIN_ROUND, 1f, new float[] {9f, 6f}, 0f);
        List<String> systems = series.keySet().stream().map(k -> k.split(" ")[0]).distinct().toList();
        int legendY = top + 10;
        for (Map.Entry<String, Map<Integer, Cell>> e : series.entrySet()) {
            String[] sm = e.getKey().split(" ");
            Color color = colors[Math.max(0, MODES.indexOf(sm[1])) % colors.length];
            boolean first = systems.indexOf(sm[0]) == 0;
            g.setColor(color);
            g.setStroke(first ? solid : dashed);
            int px = -1, py = -1;
            for (Map.Entry<Integer, Cell> c : e.getValue().entrySet()) {
                int x = left + (int) Math.round(plotW * (log2(c.getKey()) - xMin) / (xMax - xMin));
                int y = top + plotH - (int) Math.round(plotH * c.getValue().tps() / yMax);
                if (px >= 0) {
                    g.drawLine(px, py, x, y);
                }
                if (first) {
                    g.fillOval(x - 5, y - 5, 10, 10);
                } else {
                    g.fillRect(x - 5, y - 5, 10, 10);
                }
                px = x;
                py = y;
            }
            int lx = left + plotW + 20;
            g.drawLine(lx, legendY, lx + 40, legendY);
            if (first) {
                g.fillOval(lx + 15, legendY - 5, 10, 10);
            } else {
                g.fillRect(lx + 15, legendY - 5, 10, 10);
            }
            g.setStroke(new BasicStroke(1f));
            g.setColor(Color.BLACK);
            g.drawString(sm[0] + " " + sm[1], lx + 50, legendY + 5);
            legendY += 26;
        }
        g.dispose();
        Path parent = png.toAbsolutePath().getParent();
        if (parent != null) {
            Files.createDirectories(parent);
        }
        ImageIO.write(image, "png", png.toFile());
    }

    private static double log2(int n) {
        return Math.log(n) / Math.log(2);
    }

    /** Rounds up to 1, 2 or 5 times a power of ten, so that the y axis has round ticks. */
    private static double niceCeiling(double v) {
        if (v <= 0) {
            return 1;
        }
        double p = Math.pow(10, Math.floor(Math.log10(v)));
        for (double m : new double[] {1, 2, 2.5, 5, 10}) {
            if (m * p >= v) {
                return m * p;
            }
        }
        return 10 * p;
    }
}
