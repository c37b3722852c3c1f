package io.xai4j.graph.experiment;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/** The experiments' log lines print metrics with 4 decimals (they printed every digit of the double). */
class LogFiguresTest {

    @Test
    void metricsHaveFourDecimalsAndNanIsNotAvailable() {
        assertEquals("0.9001", MoleculeExperiment.f4(0.9001358695652174));
        assertEquals("0.6658", MoleculeExperiment.f4(0.6657751830000627));
        assertEquals("1.0000", MoleculeExperiment.f4(1));
        assertEquals("n/a", MoleculeExperiment.f4(Double.NaN));
    }
}
