package dev.trainbench.compare;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.trainbench.runs.RunRecord;
import dev.trainbench.spec.ExperimentSpec;
import dev.trainbench.spec.LayerSpec;
import dev.trainbench.spec.SpecPaths;
import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class HtmlReportTest {

    @TempDir
    Path dir;

    /** Two seed groups (dropout 0.1 and 0.5) and a single run with an extra layer and another learning rate. */
    static Comparison sample() {
        ComparisonTest t = new ComparisonTest();
        List<RunRecord> runs = new ArrayList<>(t.group("g-base", ComparisonTest.MLP, 0.962, 0.966, 0.961));
        runs.addAll(t.group("g-drop", ComparisonTest.DROPOUT.withName("dropout 0.5"), 0.971, 0.969, 0.973));
        List<LayerSpec> layers = new ArrayList<>(ComparisonTest.MLP.model().layers());
        layers.add(2, LayerSpec.of(LayerSpec.Type.BATCHNORM));
        ExperimentSpec bn = SpecPaths.setText(ComparisonTest.MLP.withModel(ComparisonTest.MLP.model().withLayers(layers)),
                "training.optimizer.learningRate", "0.01").withName("batchnorm <b>&</b>");
        runs.add(t.run("single", bn, null, null, new double[] {0.5, 0.94, 0.95}));
        return Comparison.of(runs, r -> t.curves.get(r.id()));
    }

    @Test
    void theReportIsOneFileThatNeedsNothingElse() {
        String html = HtmlReport.render(sample(), "TrainBench test");
        assertFalse(html.contains("<script"), "no script");
        Matcher refs = Pattern.compile("(?:src|href)=\"([^\"]*)\"").matcher(html);
        int images = 0;
        while (refs.find()) {
            assertTrue(refs.group(1).startsWith("data:image/svg+xml;base64,"), "only embedded images: " + refs.group(1));
            images++;
        }
        assertEquals(3, images, "loss, accuracy and step-loss charts");
        assertFalse(html.contains("url(http"), "no external style resources");
        assertTrue(html.contains("batchnorm &lt;b&gt;&amp;&lt;/b&gt;"), "names are escaped");
        assertTrue(html.contains("larger than the seed spread"));
        assertTrue(html.contains("cannot attribute the difference"));
        assertTrue(html.contains("model.layers[2]"));
    }

    @Test
    void chromiumShowsTheChartsTheDiffAndTheTables() throws Exception {
        Chromium chromium = Chromium.find(dir);
        Path report = dir.resolve("report.html");
        HtmlReport.write(sample(), report, "TrainBench test");
        // The report has no script of its own; a wrapper page loads it in a frame and reports what the browser decoded.
        Path wrapper = dir.resolve("check.html");
        Files.writeString(wrapper, """
                <!DOCTYPE html><html><body><pre id="result">not loaded</pre>
                <iframe id="f" src="report.html" width="1200" height="900"></iframe>
                <script>
                document.getElementById('f').onload = function () {
                  var d = this.contentDocument, out = [];
                  for (var i = 0; i < d.images.length; i++) {
                    var im = d.images[i];
                    out.push('image ' + im.alt + ' complete=' + im.complete + ' size=' + im.naturalWidth + 'x' + im.naturalHeight);
                  }
                  out.push('tables=' + d.querySelectorAll('table').length);
                  out.push('diffrows=' + d.querySelectorAll('table.diff tr.changed, table.diff tr.added').length);
                  out.push('text=' + d.body.innerText.replace(/\\s+/g, ' '));
                  document.getElementById('result').textContent = out.join('\\n');
                };
                </script></body></html>
                """);
        String dom = chromium.dumpDom(wrapper, "--allow-file-access-from-files");
        String result = dom.substring(dom.indexOf("<pre id=\"result\">"), dom.indexOf("</pre>"));
        assertFalse(result.contains("not loaded"), dom);
        Matcher img = Pattern.compile("image (.+?) complete=true size=(\\d+)x(\\d+)").matcher(result);
        List<String> decoded = new ArrayList<>();
        while (img.find()) {
            assertTrue(Integer.parseInt(img.group(2)) > 400 && Integer.parseInt(img.group(3)) > 200, result);
            decoded.add(img.group(1));
        }
        assertEquals(List.of("Loss by epoch", "Validation accuracy by epoch", "Training loss by step"), decoded, result);
        assertTrue(result.contains("tables=5"), result);
        Matcher rows = Pattern.compile("diffrows=(\\d+)").matcher(result);
        assertTrue(rows.find() && Integer.parseInt(rows.group(1)) >= 3, result);
        assertTrue(result.contains("Configuration: differences"), result);
        assertTrue(result.contains("model.layers[3].rate"), result);
        assertTrue(result.contains("best val. accuracy (epoch)"), result);
        assertTrue(result.contains("larger than the seed spread"), result);

        Path png = Path.of("target", "report-screenshot.png");
        Files.createDirectories(png.getParent());
        chromium.screenshot(report, png, 1200, 3400);
        BufferedImage shot = ImageIO.read(png.toFile());
        assertEquals(1200, shot.getWidth());
        assertTrue(colours(shot) > 20, "the screenshot shows the charts, not a blank page");
    }

    /** Distinct colours in a coarse sample of the image. */
    private static int colours(BufferedImage img) {
        java.util.Set<Integer> seen = new java.util.HashSet<>();
        for (int y = 0; y < img.getHeight(); y += 7) {
            for (int x = 0; x < img.getWidth(); x += 7) {
                seen.add(img.getRGB(x, y) & 0xF0F0F0);
            }
        }
        return seen.size();
    }
}
