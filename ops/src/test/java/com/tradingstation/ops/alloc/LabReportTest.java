package com.tradingstation.ops.alloc;

import com.tradingstation.json.JsonReader;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** The JSON, text and HTML reports of a model lab, and an analysis of a lab with nothing measured. */
class LabReportTest
{
    private static final LabModel SMALL = new LabModel(3, 6_000, 12);

    private static LabResult lab()
    {
        final Map<String, LabModel.Effect> m = new LinkedHashMap<>();
        m.put("A", LabModel.Effect.NONE);
        m.put("B", LabModel.Effect.frag(1.3));
        m.put("C", LabModel.Effect.NONE);
        return SMALL.lab(3, m);
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> obj(final Object o)
    {
        return (Map<String, Object>)o;
    }

    @SuppressWarnings("unchecked")
    private static List<Object> list(final Object o)
    {
        return (List<Object>)o;
    }

    @Test
    void jsonHasTheSchemaTheRunsTheComparisonsAndTheVerdicts()
    {
        final LabResult r = lab();
        final LabAnalysis a = LabAnalysis.analyze(r, LabRules.defaults());
        final String json = LabReport.json(r, a);
        final Map<String, Object> doc = JsonReader.parseObject(json);
        assertThat(doc).containsEntry("schema", "station.alloc-lab/1").containsEntry("allocator", "jemalloc-5.3.0")
            .containsEntry("envVar", "MALLOC_CONF").containsEntry("baseline", "A")
            .containsKeys("binary", "version", "settings", "rules", "variants", "runs", "comparisons", "verdicts");
        final List<Object> variants = list(doc.get("variants"));
        assertThat(variants).hasSize(3);
        assertThat(obj(variants.get(1))).containsKeys("requested", "inForce", "mismatches", "optionsOk")
            .containsEntry("mallocConf", "dirty_decay_ms:3000,muzzy_decay_ms:0");
        final List<Object> runs = list(doc.get("runs"));
        assertThat(runs).hasSize(9);
        final Map<String, Object> run = obj(runs.get(0));
        assertThat(run).containsKeys("opsPerSec", "voluntaryCtxSwitches", "involuntaryCtxSwitches", "minorFaults",
            "majorFaults", "rssBytes", "afterLoad", "afterChurn", "latency");
        assertThat(obj(obj(run.get("latency")).get("set"))).containsKeys("p50Us", "p99Us", "p999Us",
            "tailSpanUs", "jitterUs");
        assertThat(obj(run.get("afterChurn"))).containsKeys("memFragRatio", "allocatorFragRatio", "rssBytes");
        final List<Object> comparisons = list(doc.get("comparisons"));
        assertThat(comparisons).hasSize(2 * a.comparisons("B").size());
        assertThat(obj(comparisons.get(0))).containsKeys("metric", "baseMedian", "variantMedian", "diffPct",
            "ciLowPct", "ciHighPct", "p", "alphaPerTest", "significant", "direction");
        final List<Object> verdicts = list(doc.get("verdicts"));
        assertThat(verdicts).extracting(v -> obj(v).get("decision"))
            .containsExactly("BASELINE", "REJECT", "NO_DIFFERENCE");
    }

    @Test
    void textIsOneLinePerVariantWithItsReasons()
    {
        final LabResult r = lab();
        final String text = LabReport.text(r, LabAnalysis.analyze(r, LabRules.defaults()));
        assertThat(text).contains("baseline A").containsPattern("(?m)^A +BASELINE")
            .containsPattern("(?m)^B +REJECT .* \\+(28|29|30|31)\\.\\d%\\*").containsPattern("(?m)^C +NO_DIFFERENCE")
            .containsPattern("(?m)^    memFragRatio \\+(28|29|30|31)\\.\\d% \\[.*\\] .*: "
                + "higher fragmentation under stable load$");
    }

    @Test
    void htmlIsOneFileWithItsChartsEmbeddedAndTheVerdictTable(@TempDir final Path dir) throws IOException
    {
        final LabResult r = lab();
        final Path file = dir.resolve("lab.html");
        LabHtml.write(file, r, LabAnalysis.analyze(r, LabRules.defaults()));
        final String html = Files.readString(file);
        assertThat(html).startsWith("<!DOCTYPE html>").endsWith("</html>\n").doesNotContain("src=\"http");
        assertThat(html.split("data:image/png;base64,", -1).length - 1).isEqualTo(4);
        assertThat(html).contains("<tr class=\"verdict\" id=\"verdict-A\">", "<tr class=\"verdict\" id=\"verdict-B\">",
            "<tr class=\"verdict\" id=\"verdict-C\">", ">REJECT</td>", ">NO_DIFFERENCE</td>", ">BASELINE</td>",
            "dirty_decay_ms:3000", "opt.narenas: 8", "(unset)");
        final int png = html.indexOf("data:image/png;base64,") + "data:image/png;base64,".length();
        assertThat(java.util.Base64.getDecoder().decode(html.substring(png, html.indexOf('"', png))))
            .startsWith((byte)0x89, (byte)'P', (byte)'N', (byte)'G');
    }

    @Test
    void aLabWithNothingMeasuredIsAnalysedAndReportedWithoutCrashing(@TempDir final Path dir) throws IOException
    {
        final MemorySnapshot none = new MemorySnapshot(-1, -1, -1, -1, -1, Double.NaN, Double.NaN);
        final List<VariantRun> runs = new ArrayList<>();
        for (int round = 1; round <= 2; round++)
        {
            for (final String v : List.of("A", "B"))
            {
                runs.add(new VariantRun(v, round, runs.size(), Map.of("set", new long[0]), 0, 0, none, none,
                    ProcessCounters.UNKNOWN, ProcessCounters.UNKNOWN,
                    List.of(new TimelinePoint(0, none, ProcessCounters.UNKNOWN),
                        new TimelinePoint(1, none, ProcessCounters.UNKNOWN))));
            }
        }
        final LabResult r = new LabResult("redis-server", "", "", "MALLOC_CONF", "A",
            List.of(new Variant("A", "", "control"), new Variant("B", "narenas:1", "one arena")),
            Map.of("B", new Readback("MALLOC_CONF", Map.of("narenas", "1"), Map.of(),
                List.of("narenas: not reported"))),
            runs, Map.of(), "", Double.NaN);
        final LabAnalysis a = LabAnalysis.analyze(r, LabRules.defaults());
        assertThat(a.verdict("B").decision()).isEqualTo(LabVerdict.Decision.NO_DIFFERENCE);
        assertThat(a.verdict("B").reasons()).containsExactly(
            "nothing to compare: no latency windows or memory samples in both variants",
            "options not in force: narenas: not reported");
        assertThat(a.comparisons("B")).isNotEmpty().noneMatch(LabAnalysis.Comparison::compared);
        final String json = LabReport.json(r, a);
        assertThat(JsonReader.parse(json)).isInstanceOf(Map.class);
        assertThat(json).contains("\"minorFaults\":null", "\"memFragRatio\":null");
        assertThat(LabReport.text(r, a)).containsPattern("(?m)^B +NO_DIFFERENCE +n/a");
        LabHtml.write(dir.resolve("empty.html"), r, a);
        assertThat(Files.readString(dir.resolve("empty.html"))).contains("id=\"verdict-B\"", "not read back");
        final LabResult bare = new LabResult(r.binary(), r.version(), r.allocator(), r.envVar(), r.baseline(),
            r.variants(), null, runs, null, r.startedAt(), r.seconds());
        final LabAnalysis b = LabAnalysis.analyze(bare, LabRules.defaults());
        assertThat(b.verdict("B").reasons()).hasSize(1);
        assertThat(LabReport.json(bare, b)).contains("\"settings\":{}");
        LabHtml.write(dir.resolve("bare.html"), bare, b);
        assertThat(Files.readString(dir.resolve("bare.html"))).contains("(none)", "not read back");
    }
}
