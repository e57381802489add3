package org.spikezip.report;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.Axis;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.block.BlockBorder;
import org.jfree.chart.plot.CategoryPlot;
import org.jfree.chart.plot.Plot;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.title.LegendTitle;

/**
 * One look for every chart, chosen to stay readable when a page scales the image down: white
 * backgrounds, light grey grid lines, large sans-serif text, thick lines.
 */
final class ChartStyle {
  static final Font TITLE = new Font(Font.SANS_SERIF, Font.BOLD, 22);
  static final Font LABEL = new Font(Font.SANS_SERIF, Font.PLAIN, 17);
  static final Font TICKS = new Font(Font.SANS_SERIF, Font.PLAIN, 14);
  /** Layer names on an axis: monospaced, so that their common prefixes line up. */
  static final Font NAMES = new Font(Font.MONOSPACED, Font.PLAIN, 14);
  static final BasicStroke LINE = new BasicStroke(2.5f);
  static final BasicStroke DASHED = new BasicStroke(2.5f, BasicStroke.CAP_BUTT, BasicStroke.JOIN_MITER, 10f,
      new float[] {8f, 6f}, 0f);
  static final Color GRID = new Color(0xD0D0D0);
  static final Color[] SERIES = {new Color(0x1F77B4), new Color(0xD62728), new Color(0x2CA02C), new Color(0x9467BD)};

  private ChartStyle() {}

  static JFreeChart apply(JFreeChart chart) {
    chart.setBackgroundPaint(Color.WHITE);
    chart.getTitle().setFont(TITLE);
    LegendTitle legend = chart.getLegend();
    if (legend != null) {
      legend.setItemFont(LABEL);
      legend.setFrame(BlockBorder.NONE);
    }
    Plot plot = chart.getPlot();
    plot.setBackgroundPaint(Color.WHITE);
    plot.setOutlinePaint(Color.GRAY);
    if (plot instanceof XYPlot) {
      XYPlot xy = (XYPlot) plot;
      xy.setDomainGridlinePaint(GRID);
      xy.setRangeGridlinePaint(GRID);
      axis(xy.getDomainAxis());
      axis(xy.getRangeAxis());
    } else if (plot instanceof CategoryPlot) {
      CategoryPlot c = (CategoryPlot) plot;
      c.setRangeGridlinePaint(GRID);
      axis(c.getDomainAxis());
      axis(c.getRangeAxis());
    }
    return chart;
  }

  /** Whole-number ticks only (time steps, samples). */
  static void integerTicks(Axis axis) {
    ((NumberAxis) axis).setStandardTickUnits(NumberAxis.createIntegerTickUnits());
  }

  private static void axis(Axis a) {
    a.setLabelFont(LABEL);
    a.setTickLabelFont(TICKS);
  }
}
