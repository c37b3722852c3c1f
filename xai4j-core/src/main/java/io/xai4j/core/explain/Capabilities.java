package io.xai4j.core.explain;

/**
 * What an explainer needs from a model and whether its output is random.
 *
 * @param needsGradients the method back-propagates through the model
 * @param needsLayer the method reads an intermediate layer (CAM, Grad-CAM, EB)
 * @param needsStructure the method needs the typed layer graph (EB, c-EB); opaque models are refused
 * @param stochastic the map depends on a seed (RISE)
 */
public record Capabilities(boolean needsGradients, boolean needsLayer, boolean needsStructure, boolean stochastic) {}
