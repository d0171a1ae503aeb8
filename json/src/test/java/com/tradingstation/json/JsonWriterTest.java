package com.tradingstation.json;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class JsonWriterTest
{
    @Test
    void nextDocumentAppendsAnotherTopLevelValueAfterTheCallersText()
    {
        final StringBuilder sb = new StringBuilder("# head\n");
        final JsonWriter w = new JsonWriter(sb);
        sb.append("1 ");
        w.nextDocument().beginObject().field("a", 1L).endObject();
        sb.append('\n').append("2 ");
        w.nextDocument().beginArray().value("x").endArray();
        sb.append('\n');

        assertThat(sb).hasToString("# head\n1 {\"a\":1}\n2 [\"x\"]\n");
    }

    @Test
    void withoutNextDocumentASecondValueIsSeparatedAsInAnArray()
    {
        final JsonWriter w = new JsonWriter().beginObject().endObject().beginObject().endObject();

        assertThat(w).hasToString("{},{}");
    }

    @Test
    void valueBuilderWritesTheSeparatorBeforeTheCallersValue()
    {
        final JsonWriter w = new JsonWriter().beginArray();
        w.valueBuilder().append("\"1.50\"");
        w.valueBuilder().append("\"2\"");
        w.endArray();

        assertThat(w).hasToString("[\"1.50\",\"2\"]");
    }

    @Test
    void escapesQuotesBackslashesAndControlCharacters()
    {
        final String text = new JsonWriter().beginObject().field("m", "say \"hi\" \\ \n\t\u0001").endObject()
            .toString();

        assertThat(text).isEqualTo("{\"m\":\"say \\\"hi\\\" \\\\ \\n\\t\\u0001\"}");
        assertThat(new JsonWriter().beginObject().field("\"", 1L).field("\n", 2L).field("E", 3L).endObject())
            .hasToString("{\"\\\"\":1,\"\\n\":2,\"E\":3}");
    }
}
