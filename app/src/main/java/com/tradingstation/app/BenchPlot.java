package com.tradingstation.app;

import org.HdrHistogram.Histogram;
import org.jfree.chart.ChartUtils;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.LogAxis;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.xy.XYLineAndShapeRenderer;
import org.jfree.data.xy.XYSeries;
import org.jfree.data.xy.XYSeriesCollection;

import java.awt.BasicStroke;
import java.awt.Color;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

/**
 * The percentile distribution of two bench results, as HdrHistogram plots it: x is 1/(1-p) on a log
 * axis (2 = p50, 10 = p90, 100 = p99, 1000 = p99.9), y the latency in µs on a log axis; one colour per
 * metric, the baseline dashed and the new run solid.
 */
final class BenchPlot
{
    private static final Color[] COLOURS = {new Color(0x1f77b4), new Color(0xd62728), new Color(0x2ca02c)};

    private BenchPlot()
    {
    }

    /**
     * @param file    the PNG to write.
     * @param base    the baseline.
     * @param next    the new run.
     * @param metrics the metrics to draw.
     * @throws IOException when the file cannot be written.
     */
    static void write(final Path file, final BenchResult base, final BenchResult next, final List<String> metrics)
        throws IOException
    {
        System.setProperty("java.awt.headless", "true");
        final XYSeriesCollection data = new XYSeriesCollection();
        final XYLineAndShapeRenderer renderer = new XYLineAndShapeRenderer(true, false);
        int series = 0;
        for (int m = 0; m < metrics.size(); m++)
        {
            for (int run = 0; run < 2; run++)
            {
                final BenchResult r = run == 0 ? base : next;
                data.addSeries(curve(metrics.get(m) + (run == 0 ? " base" : " new"),
                    r.metrics().get(metrics.get(m)).histogram()));
                renderer.setSeriesPaint(series, COLOURS[m % COLOURS.length]);
                renderer.setSeriesStroke(series, run == 0 ?
                    new BasicStroke(2f, BasicStroke.CAP_BUTT, BasicStroke.JOIN_MITER, 10f, new float[] {6f, 4f}, 0f) :
                    new BasicStroke(2f));
                series++;
            }
        }
        final LogAxis x = new LogAxis("1 / (1 - percentile)   (10 = p90, 100 = p99, 1000 = p99.9)");
        x.setBase(10);
        final LogAxis y = new LogAxis("latency from planned send (µs)");
        y.setBase(10);
        final XYPlot plot = new XYPlot(data, x, y, renderer);
        plot.setBackgroundPaint(Color.WHITE);
        plot.setDomainGridlinePaint(Color.LIGHT_GRAY);
        plot.setRangeGridlinePaint(Color.LIGHT_GRAY);
        final JFreeChart chart = new JFreeChart("station bench: " + base.label() + "  vs  " + next.label(),
            JFreeChart.DEFAULT_TITLE_FONT.deriveFont(13f), plot, true);
        chart.setBackgroundPaint(Color.WHITE);
        ChartUtils.saveChartAsPNG(file.toFile(), chart, 1100, 650);
    }

    private static XYSeries curve(final String name, final Histogram h)
    {
        final XYSeries s = new XYSeries(name, false);
        if (h.getTotalCount() == 0)
        {
            return s;
        }
        final double last = 1 - 1.0 / h.getTotalCount();
        for (int i = 0; i <= 120; i++)
        {
            final double p = 1 - Math.pow(10, -i / 20.0); // 20 points a decade of 1/(1-p)
            if (p > last)
            {
                break;
            }
            s.add(1 / (1 - p), Math.max(0.01, h.getValueAtPercentile(p * 100) / 1e3));
        }
        return s;
    }
}
