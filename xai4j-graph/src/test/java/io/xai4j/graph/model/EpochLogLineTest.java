package io.xai4j.graph.model;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/** The per-epoch log line of {@link GcnTrainer}: 4 decimals, and no NaN validation metrics when there are no validation graphs. */
class EpochLogLineTest {

    @Test
    void fourDecimals() {
        assertEquals("epoch 3: loss 0.6658 valid ROC-AUC 0.9001 accuracy 0.8125",
                GcnTrainer.describe(new GcnTrainer.EpochLog(3, 0.6657751830000627, 0.9001358695652174, 0.8125)));
    }

    @Test
    void theValidationLossComesFirstWhenLogged() {
        assertEquals("epoch 3: loss 0.6658 valid loss 0.7012 ROC-AUC 0.9001 accuracy 0.8125",
                GcnTrainer.describe(new GcnTrainer.EpochLog(3, 0.6657751830000627, 0.9001358695652174, 0.8125, 0.70118)));
    }

    @Test
    void trainingWithoutValidationGraphsLogsTheLossOnly() {
        assertEquals("epoch 1: loss 0.6931", GcnTrainer.describe(new GcnTrainer.EpochLog(1, Math.log(2), Double.NaN, Double.NaN)));
    }
}
