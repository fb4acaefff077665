package io.minisqld.benchmarks;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.function.ToDoubleFunction;
import java.util.function.ToLongFunction;

/**
 * Turns the runs of {@code benchmarks/oltp/run.sh} into medians: per workload, thread count and
 * system the median TPS (with its range), ignored errors per second, p95 latency and server CPU
 * per transaction over the rounds; then minisqld's medians against MariaDB's, with the targets of
 * the locking issue (TPS at least 0.8 × MariaDB's, ignored errors/s at most 2 × MariaDB's); then
 * the ignored errors by number, summed over the rounds.
 *
 * <pre>java OltpReport.java runs.csv</pre>
 *
 * <p>Runs with the JDK's single-file source launcher, so the script needs no build of this module.
 */
public final class OltpReport {

    static final double TPS_TARGET = 0.8;
    static final double ERRORS_TARGET = 2.0;

    /** One measured sysbench run: a row of runs.csv. */
    record Run(String system, String workload, int threads, double tps, double errorsPerSecond, double p95,
               long transactions, long err1213, long err1205, long errOther, double serverCpuS) {

        /** Server CPU (user + system, the whole process) per committed transaction, ms. */
        double serverCpuMsPerTransaction() {
            return transactions == 0 ? Double.NaN : serverCpuS * 1000 / transactions;
        }
    }

    /** The runs of one workload × threads × system. */
    record Cell(String workload, int threads, String system, List<Run> runs) {
        double median(ToDoubleFunction<Run> f) {
            return OltpReport.median(runs.stream().mapToDouble(f).filter(v -> !Double.isNaN(v)).sorted().toArray());
        }

        double min(ToDoubleFunction<Run> f) {
            return runs.stream().mapToDouble(f).min().orElse(Double.NaN);
        }

        double max(ToDoubleFunction<Run> f) {
            return runs.stream().mapToDouble(f).max().orElse(Double.NaN);
        }

        long sum(ToLongFunction<Run> f) {
            return runs.stream().mapToLong(f).sum();
        }
    }

    private OltpReport() {}

    /** Reads {@code args[0]} (runs.csv) and prints the three tables on stdout. */
    public static void main(String[] args) throws IOException {
        if (args.length != 1) {
            System.err.println("usage: OltpReport runs.csv");
            System.exit(2);
        }
        List<Cell> cells = cells(read(Path.of(args[0])));
        System.out.print(medians(cells));
        System.out.println();
        System.out.print(targets(cells));
        System.out.println();
        System.out.print(errors(cells));
    }

    static List<Run> read(Path csv) throws IOException {
        List<String> lines = Files.readAllLines(csv);
        List<String> header = List.of(lines.get(0).split(","));
        List<Run> runs = new ArrayList<>();
        int mode = header.indexOf("ps_mode");
        // with several ps modes in one run (PS_MODES), each system and mode is a system of its own
        boolean modes = mode >= 0 && lines.subList(1, lines.size()).stream()
                .map(l -> l.split(",", -1)).filter(f -> f.length > mode).map(f -> f[mode]).distinct().count() > 1;
        for (String line : lines.subList(1, lines.size())) {
            String[] f = line.split(",", -1);
            if (f.length < header.size() || f[header.indexOf("tps")].isEmpty()) {
                continue;
            }
            String system = f[header.indexOf("system")] + (modes ? " ps=" + f[mode] : "");
            runs.add(new Run(system, f[header.indexOf("workload")],
                    Integer.parseInt(f[header.indexOf("threads")]), number(f, header, "tps"),
                    number(f, header, "errors_per_s"), number(f, header, "p95_ms"),
                    (long) number(f, header, "transactions"), (long) number(f, header, "err_1213"),
                    (long) number(f, header, "err_1205"), (long) number(f, header, "err_other"),
                    number(f, header, "server_cpu_s")));
        }
        return runs;
    }

    private static double number(String[] fields, List<String> header, String name) {
        int i = header.indexOf(name);
        return i < 0 || fields[i].isEmpty() ? Double.NaN : Double.parseDouble(fields[i]);
    }

    /** Cells in the order of the runs: workloads and systems as first seen, threads ascending. */
    static List<Cell> cells(List<Run> runs) {
        List<String> workloads = runs.stream().map(Run::workload).distinct().toList();
        List<String> systems = runs.stream().map(Run::system).distinct().toList();
        List<Integer> threads = runs.stream().map(Run::threads).distinct().sorted(Comparator.naturalOrder()).toList();
        List<Cell> cells = new ArrayList<>();
        for (String w : workloads) {
            for (int t : threads) {
                for (String s : systems) {
                    List<Run> cell = runs.stream()
                            .filter(r -> r.workload().equals(w) && r.threads() == t && r.system().equals(s)).toList();
                    if (!cell.isEmpty()) {
                        cells.add(new Cell(w, t, s, cell));
                    }
                }
            }
        }
        return cells;
    }

    static double median(double[] sorted) {
        int n = sorted.length;
        if (n == 0) {
            return Double.NaN;
        }
        return n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2;
    }

    static String medians(List<Cell> cells) {
        StringBuilder out = new StringBuilder();
        out.append("| workload | threads | system | TPS median | TPS min–max | errors/s median | errors/s min–max "
                + "| p95 ms median | server CPU ms/txn median | runs |\n");
        out.append("|---|---:|---|---:|---:|---:|---:|---:|---:|---:|\n");
        for (Cell c : cells) {
            out.append(String.format(Locale.ROOT, "| %s | %d | %s | %.1f | %.1f–%.1f | %.2f | %.2f–%.2f | %.2f | %.2f | %d |%n",
                    c.workload(), c.threads(), c.system(), c.median(Run::tps), c.min(Run::tps), c.max(Run::tps),
                    c.median(Run::errorsPerSecond), c.min(Run::errorsPerSecond), c.max(Run::errorsPerSecond),
                    c.median(Run::p95), c.median(Run::serverCpuMsPerTransaction), c.runs().size()));
        }
        return out.toString();
    }

    /** minisqld's medians over MariaDB's at each workload × threads, against the targets. */
    static String targets(List<Cell> cells) {
        StringBuilder out = new StringBuilder();
        out.append("| workload | threads | TPS minisqld / MariaDB | ratio (target ≥ " + TPS_TARGET + ") "
                + "| errors/s minisqld / MariaDB | ratio (target ≤ " + ERRORS_TARGET + ") | TPS target | errors/s target |\n");
        out.append("|---|---:|---:|---:|---:|---:|---|---|\n");
        for (Cell ms : cells) {
            if (!ms.system().startsWith("minisqld")) {
                continue;
            }
            // minisqld against MariaDB in the same ps mode, when the run had several
            String peer = "mariadb" + ms.system().substring("minisqld".length());
            Cell mdb = cells.stream().filter(c -> c.system().equals(peer) && c.workload().equals(ms.workload())
                    && c.threads() == ms.threads()).findFirst().orElse(null);
            if (mdb == null) {
                continue;
            }
            double tps = ms.median(Run::tps) / mdb.median(Run::tps);
            double e = ms.median(Run::errorsPerSecond), m = mdb.median(Run::errorsPerSecond);
            // no errors on either side meets the target; errors where MariaDB had none do not
            String eRatio = m > 0 ? String.format(Locale.ROOT, "%.2f", e / m) : e > 0 ? "∞ (MariaDB 0)" : "– (both 0)";
            boolean eMet = e <= ERRORS_TARGET * m;
            out.append(String.format(Locale.ROOT, "| %s | %d | %.1f / %.1f | %.2f | %.2f / %.2f | %s | %s | %s |%n",
                    ms.workload() + ms.system().substring("minisqld".length()), ms.threads(), ms.median(Run::tps), mdb.median(Run::tps), tps, e, m, eRatio,
                    tps >= TPS_TARGET ? "met" : "**not met**", eMet ? "met" : "**not met**"));
        }
        return out.toString();
    }

    /** The ignored errors by number, summed over the rounds (sysbench's --verbosity=5 log). */
    static String errors(List<Cell> cells) {
        StringBuilder out = new StringBuilder();
        out.append("| workload | threads | system | ignored 1213 (deadlock) | ignored 1205 (lock wait timeout) "
                + "| ignored, other numbers | transactions | all rounds |\n");
        out.append("|---|---:|---|---:|---:|---:|---:|---:|\n");
        for (Cell c : cells) {
            out.append(String.format(Locale.ROOT, "| %s | %d | %s | %d | %d | %d | %d | %d |%n", c.workload(),
                    c.threads(), c.system(), c.sum(Run::err1213), c.sum(Run::err1205), c.sum(Run::errOther),
                    c.sum(Run::transactions), c.runs().size()));
        }
        return out.toString();
    }
}
