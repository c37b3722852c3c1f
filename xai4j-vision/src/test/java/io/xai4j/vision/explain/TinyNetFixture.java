package io.xai4j.vision.explain;

import ai.djl.ndarray.NDManager;
import io.xai4j.vision.model.CnnClassifier;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/** One tiny CNN ({@link TinyNets#create} with seed 7) per test class, in a manager closed after the class. */
abstract class TinyNetFixture {

    protected static NDManager manager;
    protected static CnnClassifier model;

    @BeforeAll
    static void createTinyNet() {
        manager = NDManager.newBaseManager();
        model = TinyNets.create(manager, 7);
    }

    @AfterAll
    static void closeTinyNet() {
        manager.close();
    }
}
