package io.xai4j.vision.model;

import ai.djl.ndarray.NDArray;

/** Global average pooling [B,K,h,w] → [B,K]. */
public final class GlobalAvgPool implements Layer {

    @Override
    public String kind() {
        return "GlobalAvgPool";
    }

    @Override
    public NDArray forward(NDArray x, boolean training) {
        return x.reshape(x.getShape().get(0), x.getShape().get(1), -1).mean(new int[] {2});
    }
}
