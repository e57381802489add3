package org.spikezip.report;

import java.awt.Color;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import org.jfree.chart.ChartFactory;
import org.jfree.chart.ChartUtils;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.annotations.XYTextAnnotation;
import org.jfree.chart.axis.AxisLocation;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.plot.CategoryPlot;
import org.jfree.chart.plot.PlotOrientation;
import org.jfree.chart.plot.ValueMarker;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.category.BarRenderer;
import org.jfree.chart.renderer.category.StandardBarPainter;
import org.jfree.chart.renderer.xy.StackedXYBarRenderer;
import org.jfree.chart.renderer.xy.StandardXYBarPainter;
import org.jfree.chart.renderer.xy.XYLineAndShapeRenderer;
import org.jfree.chart.ui.RectangleAnchor;
import org.jfree.chart.ui.TextAnchor;
import org.jfree.data.category.DefaultCategoryDataset;
import org.jfree.data.xy.DefaultTableXYDataset;
import org.jfree.data.xy.XYSeries;
import org.jfree.data.xy.XYSeriesCollection;
import org.spikezip.energy.EnergyReport;
import org.spikezip.energy.LayerTotals;
import org.spikezip.energy.StepPoint;
import org.spikezip.energy.StopStepCount;

/**
 * Draws the report's four charts ({@link ReportChart}) as PNG images, with titles, axis labels and
 * units. Needs no display: run with {@code java.awt.headless=true}.
 */
public final class ReportCharts {
  static final int WIDTH = 1000;
  static final int HEIGHT = 560;
  /** Pixels per layer of the firing-rate chart (one bar each), beyond its fixed margins. */
  private static final int PIXELS_PER_LAYER = 24;
  /** The share of the firing-rate chart's width its layer names may take (an encoder's are long). */
  private static final float NAME_WIDTH = 0.45f;

  private ReportCharts() {}

  /** Every chart of {@code r}, as PNG bytes. */
  public static Map<ReportChart, byte[]> render(EnergyReport r) {
    Map<ReportChart, byte[]> png = new EnumMap<>(ReportChart.class);
    png.put(ReportChart.ACCURACY, png(accuracy(r), WIDTH, HEIGHT));
    png.put(ReportChart.TRADE_OFF, png(tradeOff(r), WIDTH, HEIGHT));
    png.put(ReportChart.FIRING_RATE, png(firingRate(r), WIDTH, firingRateHeight(r)));
    png.put(ReportChart.STOP_STEPS, png(stopSteps(r), WIDTH, HEIGHT));
    return png;
  }

  /** Tall enough for one readable bar per layer. */
  private static int firingRateHeight(EnergyReport r) {
    return Math.max(HEIGHT, 180 + PIXELS_PER_LAYER * neuronLayers(r).size());
  }

  /** "accuracy" with labels, else "agreement with the QANN". */
  private static String measure(EnergyReport r) {
    return r.labelled() ? "accuracy" : "agreement with the QANN";
  }

  private static JFreeChart accuracy(EnergyReport r) {
    XYSeriesCollection data = new XYSeriesCollection();
    XYSeries agreement = new XYSeries("prediction = QANN's");
    XYSeries accuracy = new XYSeries("prediction = label");
    for (StepPoint p : r.curve()) {
      agreement.add(p.t(), percent(p.agreeing(), r));
      accuracy.add(p.t(), percent(p.correct(), r));
    }
    if (r.labelled()) {
      data.addSeries(accuracy);
    }
    data.addSeries(agreement);
    JFreeChart chart = ChartFactory.createXYLineChart("SNN " + measure(r) + " vs time step",
        "step cap T (time steps)", "samples (%)", data, PlotOrientation.VERTICAL, true, false, false);
    XYPlot plot = chart.getXYPlot();
    lines(plot);
    percentAxis(plot);
    ChartStyle.integerTicks(plot.getDomainAxis());
    return ChartStyle.apply(chart);
  }

  private static JFreeChart tradeOff(EnergyReport r) {
    double annPerSample = r.annEnergyPj() / r.samples();
    double qannPerSample = r.qannEnergyPj() / r.samples();
    double snnPerSample = r.snnEnergyPj() / r.samples();
    EnergyUnit unit = EnergyUnit.of(Math.max(snnPerSample, qannPerSample));
    XYSeries curve = new XYSeries("SNN, step cap T = 1 .. " + r.maxSteps(), false, true);
    for (StepPoint p : r.curve()) {
      curve.add(unit.value(p.energyPj() / r.samples()), percent(r.labelled() ? p.correct() : p.agreeing(), r));
    }
    JFreeChart chart = ChartFactory.createXYLineChart("Energy vs " + measure(r) + " over the step cap T",
        "energy per sample up to T (" + unit.symbol() + ")", measure(r) + " at T (%)",
        new XYSeriesCollection(curve), PlotOrientation.VERTICAL, true, false, false);
    XYPlot plot = chart.getXYPlot();
    lines(plot);
    percentAxis(plot);
    plot.addDomainMarker(marker(unit.value(annPerSample), "ANN " + EnergyUnit.format(annPerSample),
        ChartStyle.SERIES[1], RectangleAnchor.BOTTOM_LEFT, TextAnchor.BOTTOM_RIGHT));
    plot.addDomainMarker(marker(unit.value(qannPerSample), "QANN " + EnergyUnit.format(qannPerSample),
        ChartStyle.SERIES[2], RectangleAnchor.BOTTOM_RIGHT, TextAnchor.BOTTOM_LEFT));
    ((NumberAxis) plot.getDomainAxis()).setRange(0, 1.1 * unit.value(Math.max(snnPerSample, qannPerSample)));
    List<StepPoint> points = r.curve();
    label(plot, points.get(0), r, unit, "T = 1");
    if (points.size() > 1) {
      label(plot, points.get(points.size() - 1), r, unit, "T = " + r.maxSteps());
    }
    return ChartStyle.apply(chart);
  }

  private static JFreeChart firingRate(EnergyReport r) {
    DefaultCategoryDataset data = new DefaultCategoryDataset();
    for (LayerTotals l : neuronLayers(r)) {
      data.addValue(l.firingRate(), "firing rate", l.name());
    }
    JFreeChart chart = ChartFactory.createBarChart("Firing rate per layer", "layer (quantizer)",
        "spikes per neuron per time step", data, PlotOrientation.HORIZONTAL, false, false, false);
    CategoryPlot plot = chart.getCategoryPlot();
    BarRenderer bars = (BarRenderer) plot.getRenderer();
    bars.setBarPainter(new StandardBarPainter());
    bars.setShadowVisible(false);
    bars.setSeriesPaint(0, ChartStyle.SERIES[0]);
    plot.setRangeAxisLocation(AxisLocation.BOTTOM_OR_LEFT);
    ChartStyle.apply(chart);
    plot.getDomainAxis().setTickLabelFont(ChartStyle.NAMES);
    plot.getDomainAxis().setMaximumCategoryLabelWidthRatio(NAME_WIDTH);
    return chart;
  }

  private static JFreeChart stopSteps(EnergyReport r) {
    DefaultTableXYDataset data = new DefaultTableXYDataset();
    XYSeries quiet = new XYSeries("quiescent", true, false);
    XYSeries capped = new XYSeries("hit the step cap (lossy)", true, false);
    for (StopStepCount c : r.stopSteps()) {
      quiet.add(c.steps(), c.quiescent());
      capped.add(c.steps(), c.capped());
    }
    data.addSeries(quiet);
    if (r.lossy() > 0) {
      data.addSeries(capped);
    }
    data.setIntervalWidth(0.8);
    JFreeChart chart = ChartFactory.createXYBarChart("Steps to quiescence (" + r.samples() + " samples)",
        "time steps until quiet", false, "samples", data, PlotOrientation.VERTICAL, true, false, false);
    XYPlot plot = chart.getXYPlot();
    StackedXYBarRenderer bars = new StackedXYBarRenderer(0.1);
    bars.setBarPainter(new StandardXYBarPainter());
    bars.setShadowVisible(false);
    bars.setSeriesPaint(0, ChartStyle.SERIES[0]);
    bars.setSeriesPaint(1, ChartStyle.SERIES[1]);
    plot.setRenderer(bars);
    ChartStyle.integerTicks(plot.getDomainAxis());
    ChartStyle.integerTicks(plot.getRangeAxis());
    return ChartStyle.apply(chart);
  }

  private static List<LayerTotals> neuronLayers(EnergyReport r) {
    return r.layers().stream().filter(l -> l.neurons() > 0).toList();
  }

  private static double percent(int samples, EnergyReport r) {
    return 100.0 * samples / r.samples();
  }

  private static void lines(XYPlot plot) {
    XYLineAndShapeRenderer renderer = (XYLineAndShapeRenderer) plot.getRenderer();
    renderer.setDefaultShapesVisible(true);
    for (int s = 0; s < plot.getDataset().getSeriesCount(); s++) {
      renderer.setSeriesStroke(s, ChartStyle.LINE);
      renderer.setSeriesPaint(s, ChartStyle.SERIES[s]);
    }
  }

  private static void percentAxis(XYPlot plot) {
    ((NumberAxis) plot.getRangeAxis()).setRange(0, 105);
  }

  /** A dashed vertical line at {@code x}, labelled at the bottom on the side {@code anchor} names. */
  private static ValueMarker marker(double x, String label, Color color, RectangleAnchor anchor, TextAnchor text) {
    ValueMarker m = new ValueMarker(x, color, ChartStyle.DASHED);
    m.setLabel(label);
    m.setLabelFont(ChartStyle.LABEL);
    m.setLabelPaint(color);
    m.setLabelBackgroundColor(new Color(255, 255, 255, 200));
    m.setLabelAnchor(anchor);
    m.setLabelTextAnchor(text);
    return m;
  }

  private static void label(XYPlot plot, StepPoint p, EnergyReport r, EnergyUnit unit, String text) {
    XYTextAnnotation a = new XYTextAnnotation(text, unit.value(p.energyPj() / r.samples()),
        percent(r.labelled() ? p.correct() : p.agreeing(), r));
    a.setFont(ChartStyle.TICKS);
    a.setTextAnchor(TextAnchor.TOP_LEFT);
    plot.addAnnotation(a);
  }

  private static byte[] png(JFreeChart chart, int width, int height) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try {
      ChartUtils.writeChartAsPNG(out, chart, width, height);
    } catch (IOException e) {
      throw new UncheckedIOException("bug: writing a PNG to memory failed", e);
    }
    return out.toByteArray();
  }
}
