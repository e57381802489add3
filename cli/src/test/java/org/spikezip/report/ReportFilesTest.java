package org.spikezip.report;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.spikezip.energy.DenseOpCount;
import org.spikezip.energy.EnergyModel;
import org.spikezip.energy.EnergyReport;
import org.spikezip.energy.LayerTotals;
import org.spikezip.energy.StepPoint;
import org.spikezip.energy.StopStepCount;
import org.spikezip.model.RandomVits;
import org.spikezip.model.VitConfig;

/** The report's files from a hand-made {@link EnergyReport}: contents, charts, self-containment, atomicity. */
class ReportFilesTest {
  private static final VitConfig CONFIG = RandomVits.config(8, 4, 6, 1, 2, 2.0, 3);

  @TempDir Path dir;

  /** Two layers and a head, two samples, steps 1..3; the numbers are arbitrary but consistent. */
  private static EnergyReport report(boolean labelled, int capped) {
    EnergyModel e = new EnergyModel("test <chip>", 4.0, 1.0);
    List<LayerTotals> layers = List.of(
        new LayerTotals("patch_embed.proj.1", 24, 10, 4, 74, 2304, 30, 120, 2, 1, e.energyPj(2304, 74)),
        new LayerTotals("norm.1", 30, 5, 5, 12, 720, 40, 150, 4, 0, e.energyPj(720, 12)),
        new LayerTotals(DenseOpCount.HEAD, 0, 0, 0, 0, 6, 0, 0, 0, 0, e.energyPj(6, 0)));
    List<StepPoint> curve = List.of(
        new StepPoint(1, 1, labelled ? 1 : 0, 12, 60, 2900, e.energyPj(2900, 60)),
        new StepPoint(2, 1, labelled ? 2 : 0, 20, 80, 3000, e.energyPj(3000, 80)),
        new StepPoint(3, 2, labelled ? 2 : 0, 24, 86, 3030, e.energyPj(3030, 86)));
    return new EnergyReport(e, 2, labelled, labelled ? 2 : 0, layers, curve,
        List.of(new StopStepCount(2, 1, 0), new StopStepCount(3, 1 - capped, capped)),
        DenseOpCount.sum(List.of(DenseOpCount.of(CONFIG), DenseOpCount.of(CONFIG))));
  }

  private static ReportSettings settings(List<String> warnings) {
    return ReportSettings.forVit("test", "QANN checkpoint q.safetensors", CONFIG, 16, "grid",
        "in & out.safetensors", "analog", 3, 1, "the QANN's predictions (no labels)", warnings);
  }

  @Test
  void writesEveryFileAtomically() throws Exception {
    List<Path> written = ReportWriter.write(dir.resolve("new/folder"), report(false, 0), settings(List.of()));

    assertThat(written).extracting(p -> p.getFileName().toString()).containsExactly("report.json", "layers.csv",
        "per_step.csv", "accuracy_vs_steps.png", "energy_vs_accuracy.png", "firing_rate.png",
        "steps_to_quiescence.png", "report.html");
    try (Stream<Path> files = Files.list(dir.resolve("new/folder"))) {
      assertThat(files.map(p -> p.getFileName().toString())).noneMatch(n -> n.endsWith(".tmp"));
    }
  }

  @Test
  void theCsvTablesHoldEveryLayerAndStep() {
    EnergyReport r = report(true, 0);

    assertThat(ReportCsv.layers(r)).isEqualTo(
        "name,neurons,spikes_pos,spikes_neg,spikes,firing_rate,cancelled,saturated,acs,macs,updates,energy_pj\n"
            + "patch_embed.proj.1,24,10,4,14,0.11666666666666667,2,1,74,2304,30,9290.0\n"
            + "norm.1,30,5,5,10,0.06666666666666667,4,0,12,720,40,2892.0\n"
            + "head,0,0,0,0,0.0,0,0,0,6,0,24.0\n");
    assertThat(ReportCsv.perStep(r)).isEqualTo("t,agreement,accuracy,spikes,acs,macs,energy_pj\n"
        + "1,0.5,0.5,12,60,2900,11660.0\n"
        + "2,0.5,1.0,20,80,3000,12080.0\n"
        + "3,1.0,1.0,24,86,3030,12206.0\n");
    assertThat(ReportCsv.perStep(report(false, 0))).startsWith("t,agreement,spikes,acs,macs,energy_pj\n1,0.5,12,");
  }

  @Test
  void theJsonHoldsTheLayersTotalsBaselineAndCurve() {
    String json = ReportJson.of(report(true, 1), settings(List.of("lossy: T too small")));

    JsonObject o = JsonParser.parseString(json).getAsJsonObject();
    assertThat(o.get("format").getAsString()).isEqualTo("spikezip-report/1");
    JsonObject first = o.getAsJsonArray("layers").get(0).getAsJsonObject();
    assertThat(first.get("name").getAsString()).isEqualTo("patch_embed.proj.1");
    assertThat(first.get("spikes_pos").getAsLong()).isEqualTo(10);
    assertThat(first.get("spikes_neg").getAsLong()).isEqualTo(4);
    assertThat(first.get("neurons").getAsInt()).isEqualTo(24);
    assertThat(first.get("acs").getAsLong()).isEqualTo(74);
    assertThat(first.get("macs").getAsLong()).isEqualTo(2304);
    assertThat(o.getAsJsonObject("totals").get("spikes").getAsLong()).isEqualTo(24);
    assertThat(o.getAsJsonObject("totals").get("energy_pj").getAsDouble()).isEqualTo(4.0 * 3030 + 86);
    assertThat(o.getAsJsonObject("baseline").getAsJsonObject("ann").get("macs_per_sample").getAsLong())
        .isEqualTo(DenseOpCount.of(CONFIG).annMacs());
    assertThat(json).as("every image costs the same: a whole number per sample")
        .contains("\"macs_per_sample\": " + DenseOpCount.of(CONFIG).annMacs() + ",");
    assertThat(o.getAsJsonObject("accuracy").get("qann").getAsDouble()).isEqualTo(1.0);
    assertThat(o.getAsJsonObject("steps").get("lossy").getAsInt()).isEqualTo(1);
    assertThat(o.getAsJsonArray("per_step")).hasSize(3);
    assertThat(o.getAsJsonArray("warnings").get(0).getAsString()).isEqualTo("lossy: T too small");
    assertThat(o.getAsJsonObject("energy_model").get("e_mac_pj").getAsDouble()).isEqualTo(4.0);
  }

  @Test
  void theChartsArePngsOfTheirSize() throws Exception {
    Map<ReportChart, byte[]> charts = ReportCharts.render(report(true, 1));

    assertThat(charts).containsOnlyKeys(ReportChart.values());
    for (byte[] png : charts.values()) {
      BufferedImage image = ImageIO.read(new ByteArrayInputStream(png));
      assertThat(image.getWidth()).isEqualTo(ReportCharts.WIDTH);
      assertThat(image.getHeight()).isEqualTo(ReportCharts.HEIGHT);
    }
  }

  @Test
  void theHtmlPageIsSelfContainedAndEscapesText() throws Exception {
    EnergyReport r = report(false, 1);
    Map<ReportChart, byte[]> charts = ReportCharts.render(r);

    String html = ReportHtml.of(r, settings(List.of("lossy: 1 <sample>")), charts);

    Matcher src = Pattern.compile("src=\"([^\"]*)\"").matcher(html);
    int images = 0;
    while (src.find()) {
      assertThat(src.group(1)).startsWith("data:image/png;base64,");
      byte[] png = Base64.getDecoder().decode(src.group(1).substring("data:image/png;base64,".length()));
      assertThat(png).isEqualTo(charts.get(ReportChart.values()[images]));
      images++;
    }
    assertThat(images).isEqualTo(4);
    assertThat(html).doesNotContain("href=").doesNotContain("<script")
        .contains("in &amp; out.safetensors").contains("test &lt;chip&gt;").contains("lossy: 1 &lt;sample&gt;")
        .contains("<table class=\"summary\">").contains("<td><code>norm.1</code></td>")
        .contains("3·d = 18 (q, k and v)");
  }

  @Test
  void energiesAreShownInTheirOwnUnit() {
    assertThat(EnergyUnit.format(0.5)).isEqualTo("0.500 pJ");
    assertThat(EnergyUnit.format(4_830_000)).isEqualTo("4.83 µJ");
    assertThat(EnergyUnit.format(1234)).isEqualTo("1.23 nJ");
    assertThat(EnergyUnit.of(2e12)).isEqualTo(EnergyUnit.J);
  }
}
