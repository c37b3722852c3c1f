package io.xai4j.vision.explain;

import io.xai4j.core.explain.Explainer;
import io.xai4j.core.explain.MethodProvider;
import io.xai4j.vision.model.ImageClassifier;

/**
 * A registered image explanation method. Each method's file carries one, annotated
 * {@code @AutoService(ImageMethod.class)}, which {@link Explainers} finds on the class path.
 */
public interface ImageMethod extends MethodProvider<ImageClassifier, Explainer> {}
