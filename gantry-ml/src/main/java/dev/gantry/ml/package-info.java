/**
 * In-process models that are pure functions of text: sentence embeddings (ONNX all-MiniLM-L6-v2)
 * and vector helpers. Nothing here knows about requests.
 */
package dev.gantry.ml;
