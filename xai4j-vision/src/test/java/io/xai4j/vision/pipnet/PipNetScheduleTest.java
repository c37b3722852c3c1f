package io.xai4j.vision.pipnet;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/** Loss weights (docs/methods/pipnet.md#losses) and schedules (#parameter-groups-and-schedules) against literal values (not the trainer's own constants). */
class PipNetScheduleTest {

    @Test
    void lossWeightsFollowTheSpecTable() {
        // phase 1, epoch e of E_pre: (e/E_pre)·L_A + 5·L_T
        assertArrayEquals(new double[] {0.3, 5, 0}, PipNetTrainer.lossWeights(true, false, 3, 10), 1e-12);
        assertArrayEquals(new double[] {1.0, 5, 0}, PipNetTrainer.lossWeights(true, false, 10, 10), 1e-12);
        // phase 2: classifier-only epochs 2·L_C, then 5·L_A + 2·L_T + 2·L_C
        assertArrayEquals(new double[] {0, 0, 2}, PipNetTrainer.lossWeights(false, true, 2, 10), 1e-12);
        assertArrayEquals(new double[] {5, 2, 2}, PipNetTrainer.lossWeights(false, false, 4, 10), 1e-12);
    }

    @Test
    void classifierLearningRateRestartsEveryFiveOrTenEpochs() {
        // lr 0.05, eta_min 0.001: t = 0 → 0.05; half a period → 0.001 + 0.049/2 = 0.0255; a full period → restart at 0.05
        assertEquals(0.05, PipNetTrainer.classifierLearningRate(0.05, 0, 30), 1e-12);
        assertEquals(0.0255, PipNetTrainer.classifierLearningRate(0.05, 2.5, 30), 1e-12);
        assertEquals(0.05, PipNetTrainer.classifierLearningRate(0.05, 5, 30), 1e-12);
        assertEquals(0.0255, PipNetTrainer.classifierLearningRate(0.05, 7.5, 30), 1e-12);
        // E > 30: T0 = 10
        assertEquals(0.0255, PipNetTrainer.classifierLearningRate(0.05, 5, 31), 1e-12);
        assertEquals(0.05, PipNetTrainer.classifierLearningRate(0.05, 10, 31), 1e-12);
    }

    @Test
    void classifierRateLagsOneStepBehindTheUpdateAsInTheOfficialLoop() {
        // official train.py: optimizer_classifier.step(); scheduler_classifier.step(epoch - 1 + i/iters); with 4 iterations:
        // epoch 1: steps 0 and 1 use the initial t = 0, step 2 uses t = 1/4, step 3 uses 2/4; epoch 2 step 0 uses 3/4
        assertEquals(0.0, PipNetTrainer.classifierScheduleTime(1, 0, 4), 0);
        assertEquals(0.0, PipNetTrainer.classifierScheduleTime(1, 1, 4), 0);
        assertEquals(0.25, PipNetTrainer.classifierScheduleTime(1, 2, 4), 0);
        assertEquals(0.5, PipNetTrainer.classifierScheduleTime(1, 3, 4), 0);
        assertEquals(0.75, PipNetTrainer.classifierScheduleTime(2, 0, 4), 0);
        assertEquals(1.0, PipNetTrainer.classifierScheduleTime(2, 1, 4), 0);
        // the restart: the first step after t = 5 (T0 = 5) runs at the full rate again, one step late
        assertEquals(4.75, PipNetTrainer.classifierScheduleTime(6, 0, 4), 0);
        assertEquals(5.0, PipNetTrainer.classifierScheduleTime(6, 1, 4), 0);
    }

    @Test
    void networkCosineEndsAtOneHundredthOfTheRate() {
        // phase 2: per-group base rates (early lr_net 5e-4, mid/last lr_block 5e-4, add-on 10·lr_block), eta = lr_net/100
        double[] base = {5e-4, 5e-4, 5e-3};
        assertArrayEquals(base, PipNetTrainer.cosine(base, 5e-6, 0, 100), 1e-15);
        assertArrayEquals(new double[] {5e-6, 5e-6, 5e-6}, PipNetTrainer.cosine(base, 5e-6, 100, 100), 1e-15);
        assertArrayEquals(new double[] {5e-6 + (5e-4 - 5e-6) / 2, 5e-6 + (5e-4 - 5e-6) / 2, 5e-6 + (5e-3 - 5e-6) / 2},
                PipNetTrainer.cosine(base, 5e-6, 50, 100), 1e-15);
    }
}
