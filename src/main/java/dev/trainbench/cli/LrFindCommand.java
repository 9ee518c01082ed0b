package dev.trainbench.cli;

import dev.trainbench.spec.ExperimentSpec;
import dev.trainbench.spec.SpecJson;
import dev.trainbench.train.LrFinder;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(name = "lr-find", description = "Learning-rate range test: raise the learning rate exponentially on a fresh copy of the"
        + " model, plot the loss against it and suggest a value. Nothing is saved in the workspace.")
final class LrFindCommand implements Callable<Integer> {

    @Parameters(index = "0", paramLabel = "SPEC.json", description = "Experiment spec; its model, optimizer, batch size and data are used.")
    Path specFile;

    @Option(names = "--start", description = "First learning rate (default: ${DEFAULT-VALUE}).", defaultValue = "1e-7")
    double start;

    @Option(names = "--end", description = "Last learning rate (default: ${DEFAULT-VALUE}).", defaultValue = "10")
    double end;

    @Option(names = "--steps", description = "Steps of the sweep (default: ${DEFAULT-VALUE}).", defaultValue = "100")
    int steps;

    @Option(names = "--csv", paramLabel = "FILE", description = "Also write the sweep as CSV (learning_rate,loss,smoothed_loss).")
    Path csv;

    /** Accepted like on every other command, so that scripts can pass one set of options; nothing is saved there. */
    @CommandLine.Mixin
    WorkspaceOption workspace;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec commandSpec;

    @Override
    public Integer call() throws IOException {
        if (!(start > 0) || !(end > start) || steps < 3) {
            throw new CommandLine.ParameterException(commandSpec.commandLine(),
                    "need 0 < --start < --end and --steps >= 3");
        }
        ExperimentSpec spec = SpecJson.read(specFile);
        LrFinder.Result r = LrFinder.run(spec, specFile.toAbsolutePath().getParent(),
                new LrFinder.Options(start, end, steps, 0.98, 4));
        PrintWriter out = commandSpec.commandLine().getOut();
        out.println(plot(r.points(), 64, 14));
        out.printf(Locale.ROOT, "%d steps%s; the spec uses %s%n", r.points().size(),
                r.diverged() ? " (stopped when the smoothed loss passed 4x its minimum)" : "",
                num(spec.training().optimizer().learningRate()));
        out.printf(Locale.ROOT, "suggested learning rate: %s (valley)   alternatives: %s (steepest descent), %s (minimum/10)%n",
                num(r.valley()), num(r.steep()), num(r.minimumOver10()));
        String verdict = r.verdict(spec.training().optimizer().learningRate());
        if (verdict != null) {
            out.println(verdict);
        }
        if (csv != null) {
            List<String> lines = new ArrayList<>();
            lines.add("# trainbench-lr-find 1");
            lines.add("learning_rate,loss,smoothed_loss");
            r.points().forEach(p -> lines.add(p.learningRate() + "," + p.loss() + "," + p.smoothedLoss()));
            Files.write(csv, lines);
            out.println("sweep written to " + csv);
        }
        out.flush();
        return ExitCodes.OK;
    }

    static String num(double v) {
        return Double.isNaN(v) ? "-" : String.format(Locale.ROOT, "%.2g", v);
    }

    /** Smoothed loss against log learning rate, as text. */
    static String plot(List<LrFinder.Point> points, int width, int height) {
        if (points.size() < 2) {
            return "(too few steps to plot)";
        }
        double minX = Math.log10(points.get(0).learningRate());
        double maxX = Math.log10(points.get(points.size() - 1).learningRate());
        double minY = points.stream().mapToDouble(LrFinder.Point::smoothedLoss).min().orElse(0);
        double maxY = Math.min(points.stream().mapToDouble(LrFinder.Point::smoothedLoss).max().orElse(1),
                4 * Math.max(minY, 1e-12));
        char[][] grid = new char[height][width];
        for (char[] row : grid) {
            java.util.Arrays.fill(row, ' ');
        }
        for (LrFinder.Point p : points) {
            int cx = (int) Math.round((Math.log10(p.learningRate()) - minX) / Math.max(1e-12, maxX - minX) * (width - 1));
            double y = Math.min(p.smoothedLoss(), maxY);
            int cy = (int) Math.round((maxY - y) / Math.max(1e-12, maxY - minY) * (height - 1));
            grid[Math.max(0, Math.min(height - 1, cy))][Math.max(0, Math.min(width - 1, cx))] = '*';
        }
        StringBuilder sb = new StringBuilder("smoothed loss\n");
        for (int r = 0; r < height; r++) {
            String label = r == 0 ? String.format(Locale.ROOT, "%8.3g", maxY)
                    : r == height - 1 ? String.format(Locale.ROOT, "%8.3g", minY) : "        ";
            sb.append(label).append(" |").append(grid[r]).append('\n');
        }
        sb.append("         +").append("-".repeat(width)).append('\n');
        String left = "lr " + num(points.get(0).learningRate());
        String right = num(points.get(points.size() - 1).learningRate());
        sb.append("          ").append(left).append(" ".repeat(Math.max(1, width - left.length() - right.length())))
                .append(right).append("  (log scale)");
        return sb.toString();
    }
}
