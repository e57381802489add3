package org.spikezip.report;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.spikezip.energy.EnergyReport;

/**
 * Writes a report into a folder (created if needed): {@value #JSON}, {@value #LAYERS_CSV},
 * {@value #PER_STEP_CSV}, one PNG per {@link ReportChart} and {@value #HTML}, each file atomically.
 */
public final class ReportWriter {
  public static final String JSON = "report.json";
  public static final String LAYERS_CSV = "layers.csv";
  public static final String PER_STEP_CSV = "per_step.csv";
  public static final String HTML = "report.html";

  private ReportWriter() {}

  /** Writes every file; returns their paths in the order written. */
  public static List<Path> write(Path dir, EnergyReport r, ReportSettings s) throws IOException {
    Files.createDirectories(dir);
    Map<ReportChart, byte[]> charts = ReportCharts.render(r);
    List<Path> written = new ArrayList<>();
    written.add(text(dir.resolve(JSON), ReportJson.of(r, s)));
    written.add(text(dir.resolve(LAYERS_CSV), ReportCsv.layers(r)));
    written.add(text(dir.resolve(PER_STEP_CSV), ReportCsv.perStep(r)));
    for (ReportChart c : ReportChart.values()) {
      Path file = dir.resolve(c.fileName());
      AtomicFiles.write(file, charts.get(c));
      written.add(file);
    }
    written.add(text(dir.resolve(HTML), ReportHtml.of(r, s, charts)));
    return written;
  }

  private static Path text(Path file, String content) throws IOException {
    AtomicFiles.write(file, content.getBytes(StandardCharsets.UTF_8));
    return file;
  }
}
