package io.heapstream.collector.kubelet;

import com.code_intelligence.jazzer.junit.FuzzTest;

/**
 * Whatever bytes a kubelet sends, the Summary parser returns a summary or throws its documented
 * {@link ParseError}; any other exception (or an OutOfMemoryError, or a hang) is a finding. Runs the inputs
 * under {@code SummaryParserFuzzTestInputs/} in every build (regression mode); {@code JAZZER_FUZZ=1} fuzzes for
 * {@code maxDuration} and adds what it finds there.
 */
class SummaryParserFuzzTest {

    @FuzzTest(maxDuration = "30s")
    void anyBodyIsASummaryOrAParseError(byte[] body) {
        try {
            SummaryParser.parse(body);
        } catch (ParseError expected) {
            // the documented rejection: one WARN line and a counter in the scrape loop
        }
    }
}
