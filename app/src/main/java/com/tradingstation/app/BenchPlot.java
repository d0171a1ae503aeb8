package com.tradingstation.app;

import com.tradingstation.ops.stats.Charts;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.renderer.xy.XYLineAndShapeRenderer;
import org.jfree.data.xy.XYSeriesCollection;

import java.awt.BasicStroke;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * The percentile distribution of two bench results, as HdrHistogram plots it (ops {@link Charts}):
 * one colour per metric, the baseline dashed and the new run solid.
 */
final class BenchPlot
{
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
        final XYSeriesCollection data = new XYSeriesCollection();
        final XYLineAndShapeRenderer renderer = new XYLineAndShapeRenderer(true, false);
        int series = 0;
        for (int m = 0; m < metrics.size(); m++)
        {
            for (int run = 0; run < 2; run++)
            {
                final BenchResult r = run == 0 ? base : next;
                data.addSeries(Charts.percentileCurve(metrics.get(m) + (run == 0 ? " base" : " new"),
                    r.metrics().get(metrics.get(m)).histogram()));
                renderer.setSeriesPaint(series, Charts.colour(m));
                renderer.setSeriesStroke(series, run == 0 ? Charts.dashed() : new BasicStroke(2f));
                series++;
            }
        }
        final JFreeChart chart = Charts.chart("station bench: " + base.label() + "  vs  " + next.label(),
            Charts.percentilePlot(data, renderer));
        Files.write(file, Charts.png(chart, 1100, 650));
    }
}
