package org.otklik.routing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;

import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.analysis.CharArraySet;
import org.apache.lucene.analysis.TokenStream;
import org.apache.lucene.analysis.ru.RussianAnalyzer;
import org.apache.lucene.analysis.tokenattributes.CharTermAttribute;

/** Lower-cased Russian Snowball stems of a text, "ё" read as "е", no stop words removed. */
final class RussianStems {

    private static final Analyzer ANALYZER = new RussianAnalyzer(CharArraySet.EMPTY_SET);

    private RussianStems() {
    }

    static List<String> of(String text) {
        List<String> stems = new ArrayList<>();
        try (TokenStream stream = ANALYZER.tokenStream("text", text.replace('ё', 'е').replace('Ё', 'Е'))) {
            CharTermAttribute term = stream.addAttribute(CharTermAttribute.class);
            stream.reset();
            while (stream.incrementToken()) {
                stems.add(term.toString());
            }
            stream.end();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return stems;
    }
}
