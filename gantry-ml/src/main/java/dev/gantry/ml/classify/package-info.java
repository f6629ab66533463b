/**
 * Small trained classifiers over feature vectors: binary logistic regression with feature
 * standardisation and L2 regularisation, trained in-process by seeded mini-batch gradient descent
 * so that the same data and seed give the same weights, saved as a small JSON document; plus
 * confusion-matrix metrics and threshold choosers for measuring and calibrating it.
 */
package dev.gantry.ml.classify;
