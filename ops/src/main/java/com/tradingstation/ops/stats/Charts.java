package com.tradingstation.ops.stats;

import org.HdrHistogram.Histogram;
import org.jfree.chart.ChartUtils;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.LogAxis;
import org.jfree.chart.axis.NumberTickUnit;
import org.jfree.chart.axis.ValueAxis;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.xy.XYLineAndShapeRenderer;
import org.jfree.data.xy.XYSeries;
import org.jfree.data.xy.XYSeriesCollection;

import java.awt.BasicStroke;
import java.awt.Color;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.text.DecimalFormat;
import java.text.DecimalFormatSymbols;
import java.util.Locale;

/**
 * The station's chart style (JFreeChart, headless): white background, light grey grid, one colour per
 * series group, and the percentile distribution as HdrHistogram plots it: x is 1/(1-p) on a log axis
 * (2 = p50, 10 = p90, 100 = p99, 1000 = p99.9), y the latency in µs on a log axis.
 */
public final class Charts
{
    /** Series colours, in order. */
    private static final Color[] COLOURS = {new Color(0x1f77b4), new Color(0xd62728), new Color(0x2ca02c),
        new Color(0xff7f0e), new Color(0x9467bd), new Color(0x8c564b), new Color(0xe377c2), new Color(0x7f7f7f)};

    private Charts()
    {
    }

    /**
     * @param i a series group.
     * @return its colour.
     */
    public static Color colour(final int i)
    {
        return COLOURS[i % COLOURS.length];
    }

    /** @return a 2-pixel dashed stroke (baselines). */
    public static BasicStroke dashed()
    {
        return new BasicStroke(2f, BasicStroke.CAP_BUTT, BasicStroke.JOIN_MITER, 10f, new float[] {6f, 4f}, 0f);
    }

    /**
     * @param name series name.
     * @param h    latencies in nanoseconds.
     * @return the percentile curve, 20 points a decade of 1/(1-p), y in µs.
     */
    public static XYSeries percentileCurve(final String name, final Histogram h)
    {
        final XYSeries s = new XYSeries(name, false);
        if (h.getTotalCount() == 0)
        {
            return s;
        }
        final double last = 1 - 1.0 / h.getTotalCount();
        for (int i = 0; i <= 120; i++)
        {
            final double p = 1 - Math.pow(10, -i / 20.0);
            if (p > last)
            {
                break;
            }
            s.add(1 / (1 - p), Math.max(0.01, h.getValueAtPercentile(p * 100) / 1e3));
        }
        return s;
    }

    /**
     * @param data     percentile curves.
     * @param renderer their renderer.
     * @return the plot with the percentile axes.
     */
    public static XYPlot percentilePlot(final XYSeriesCollection data, final XYLineAndShapeRenderer renderer)
    {
        return plot(data, decades("1 / (1 - percentile)   (10 = p90, 100 = p99, 1000 = p99.9)"),
            decades("latency from planned send (µs)"), renderer);
    }

    /**
     * @param label axis label.
     * @return a base-10 log axis ticked at 1, 10, 100, ...
     */
    public static LogAxis decades(final String label)
    {
        final LogAxis axis = new LogAxis(label);
        axis.setBase(10);
        axis.setTickUnit(new NumberTickUnit(1));
        axis.setNumberFormatOverride(new DecimalFormat("#,##0.##", DecimalFormatSymbols.getInstance(Locale.ROOT)));
        return axis;
    }

    /**
     * @param data     series.
     * @param x        x axis.
     * @param y        y axis.
     * @param renderer renderer.
     * @return the plot in the station's style.
     */
    public static XYPlot plot(final XYSeriesCollection data, final ValueAxis x, final ValueAxis y,
        final XYLineAndShapeRenderer renderer)
    {
        final XYPlot plot = new XYPlot(data, x, y, renderer);
        plot.setBackgroundPaint(Color.WHITE);
        plot.setDomainGridlinePaint(Color.LIGHT_GRAY);
        plot.setRangeGridlinePaint(Color.LIGHT_GRAY);
        return plot;
    }

    /**
     * @param title title.
     * @param plot  plot.
     * @return the chart, legend on, white background; sets {@code java.awt.headless}.
     */
    public static JFreeChart chart(final String title, final XYPlot plot)
    {
        System.setProperty("java.awt.headless", "true");
        final JFreeChart chart = new JFreeChart(title, JFreeChart.DEFAULT_TITLE_FONT.deriveFont(13f), plot, true);
        chart.setBackgroundPaint(Color.WHITE);
        return chart;
    }

    /**
     * @param chart  chart.
     * @param width  pixels.
     * @param height pixels.
     * @return the PNG bytes.
     * @throws IOException when encoding fails.
     */
    public static byte[] png(final JFreeChart chart, final int width, final int height) throws IOException
    {
        final ByteArrayOutputStream out = new ByteArrayOutputStream();
        ChartUtils.writeChartAsPNG(out, chart, width, height);
        return out.toByteArray();
    }
}
