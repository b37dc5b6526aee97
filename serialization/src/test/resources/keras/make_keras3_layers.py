"""Writes keras-3-layers.json: a Keras 3 model.to_json() with Normalization, BatchNormalization, regularizers,
constraints and a frozen layer. Made by the Lamina developers with Keras 3.15.1:
    KERAS_BACKEND=jax python3 make_keras3_layers.py
"""
import keras
from keras import layers, regularizers, constraints

model = keras.Sequential([
    keras.Input((3,)),
    layers.Normalization(mean=[0.5, -1.0, 0.0], variance=[4.0, 0.25, 1.0], name="norm"),
    layers.Dense(4, activation="relu", kernel_regularizer=regularizers.L2(1e-4), bias_regularizer="l1",
                 activity_regularizer=regularizers.L1L2(0.01, 0.02), kernel_constraint=constraints.MaxNorm(3.0),
                 bias_constraint=constraints.NonNeg(), name="hidden"),
    layers.BatchNormalization(momentum=0.9, epsilon=0.01, center=False, gamma_regularizer="l2",
                              gamma_constraint=constraints.UnitNorm(), name="bn"),
    layers.Dense(1, activation="sigmoid", name="out"),
], name="layers_model")
model.layers[2].trainable = False
with open("keras-3-layers.json", "w") as f:
    f.write(model.to_json())
