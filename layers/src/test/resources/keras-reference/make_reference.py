"""Reference numbers for Lamina's BatchNormalization, Normalization, regularizer and constraint tests.

Made by the Lamina developers with Keras 3.15.1 on the JAX backend (CPU), not by Keras's authors:
    KERAS_BACKEND=jax python3 make_reference.py > reference.txt
The tests hold these values as literals (CI has no Python); this script and its output document where they came from.
"""
import numpy as np
import keras
from keras import layers, regularizers, constraints

np.set_printoptions(precision=9, floatmode="maxprec", suppress=False, linewidth=200)


def show(name, value):
    value = np.asarray(value, dtype=np.float64)
    print(f"{name} {list(value.shape)} = {{{', '.join(repr(float(v)) for v in value.ravel())}}}")


x = np.array([[0.5, -1.25, 2.0], [1.5, 0.25, -0.5], [-0.75, 1.0, 0.125],
              [2.25, -0.5, 1.0], [0.0, 0.75, -1.5], [1.0, -2.0, 0.5]], dtype="float32")

# --- A. BatchNormalization forward, training and inference -------------------------------------------------------
bn = layers.BatchNormalization(momentum=0.9, epsilon=1e-3)
bn.build((None, 3))
bn.set_weights([np.array([1.5, 0.5, -1.0], "float32"), np.array([0.25, -0.5, 1.0], "float32"),
                np.array([0.1, -0.2, 0.3], "float32"), np.array([1.2, 0.8, 2.0], "float32")])
show("bn.inference", bn(x, training=False))
show("bn.training", bn(x, training=True))
show("bn.moving_mean", bn.moving_mean.numpy())
show("bn.moving_variance", bn.moving_variance.numpy())

# --- C. a model with regularizers, a constraint and BatchNormalization, trained by SGD ----------------------------
def model(frozen):
    m = keras.Sequential([
        keras.Input((3,)),
        layers.Dense(4, activation="relu", kernel_regularizer=regularizers.L2(0.01),
                     bias_regularizer=regularizers.L1(0.02), activity_regularizer=regularizers.L2(0.05),
                     kernel_constraint=constraints.MaxNorm(0.8)),
        layers.BatchNormalization(momentum=0.9),
        layers.Dense(1, activation="sigmoid", kernel_regularizer=regularizers.L1L2(0.01, 0.02)),
    ])
    m.set_weights([
        np.array([[0.5, -0.25, 0.75, 0.125], [-0.5, 0.375, 0.25, -0.625], [0.25, 0.5, -0.125, 0.375]], "float32"),
        np.array([0.1, -0.05, 0.025, 0.2], "float32"),  # no bias at 0: L1 kink (JAX: +1, TF: 0)
        np.array([1.0, 1.25, 0.75, 1.0], "float32"), np.array([0.0, 0.1, -0.1, 0.05], "float32"),
        np.array([0.05, 0.1, 0.0, 0.2], "float32"), np.array([1.0, 0.5, 1.5, 0.8], "float32"),
        np.array([[0.5], [-0.75], [0.25], [1.0]], "float32"), np.array([0.1], "float32")])
    if frozen:
        m.layers[0].trainable = False
        m.layers[1].trainable = False
    m.compile(keras.optimizers.SGD(0.1), "binary_crossentropy")
    return m


y = np.array([[1], [0], [1], [0], [1], [0]], dtype="float32")
for frozen in (False, True):
    tag = "frozen" if frozen else "fit"
    m = model(frozen)
    show(tag + ".evaluate_before", m.evaluate(x, y, batch_size=6, verbose=0))
    history = m.fit(x, y, batch_size=3, epochs=2, shuffle=False, verbose=0)
    show(tag + ".history", history.history["loss"])
    for i, w in enumerate(m.get_weights()):
        show(f"{tag}.weight{i}", w)
    show(tag + ".evaluate_after", m.evaluate(x, y, batch_size=4, verbose=0))
    show(tag + ".predict", m.predict(x, verbose=0))
    print(tag + ".params", m.count_params(), sum(int(np.prod(w.shape)) for w in m.trainable_weights))

# --- E. Normalization -------------------------------------------------------------------------------------------
norm = layers.Normalization()
norm.adapt(x)
for i, w in enumerate(norm.get_weights()):
    show(f"norm.weight{i}", w)
show("norm.output", norm(x))
inv = layers.Normalization(invert=True)
inv.adapt(x)
show("norm.invert", inv(x))
fixed = layers.Normalization(mean=[0.5, -1.0, 0.0], variance=[4.0, 0.25, 0.0])
show("norm.fixed", fixed(x))
print("norm.fixed.weights", len(fixed.weights), "config", {k: fixed.get_config()[k] for k in ("axis", "mean", "variance", "invert")})

# --- F. constraints on a kernel [3, 2] and a bias [2] -------------------------------------------------------------
k = np.array([[3.0, 0.5], [-4.0, 0.25], [0.0, -0.5]], dtype="float32")
b = np.array([3.0, -4.0], dtype="float32")
for c in (constraints.MaxNorm(2.0, 0), constraints.MaxNorm(1.0, 1), constraints.NonNeg(), constraints.UnitNorm(0),
          constraints.MinMaxNorm(1.0, 2.0, 0.5, 0)):
    name = type(c).__name__
    show(f"constraint.{name}{c.get_config() if hasattr(c, 'get_config') else ''}.kernel", c(k))
    if getattr(c, "axis", 0) == 0:  # axis 1 of a vector is an error in Keras
        show(f"constraint.{name}.bias", c(b))
print("regularizer.configs", keras.saving.serialize_keras_object(regularizers.L2(1e-4)),
      keras.saving.serialize_keras_object(constraints.MaxNorm(3.0)))
print("bn.config", layers.BatchNormalization().get_config())
