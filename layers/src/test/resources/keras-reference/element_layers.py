# Reference values for dev.lamina.layers.KerasLayerReferenceTest, printed by Keras 3.15.1 itself
# (KERAS_BACKEND=jax, float64). We (Lamina's authors) wrote this script and ran it:
#   pip install keras jax && python3 element_layers.py > element_layers.txt
# Each line is "<case> <values>", the values as a Java array initialiser, row-major.
import os
os.environ["KERAS_BACKEND"] = "jax"
import jax
jax.config.update("jax_enable_x64", True)
import jax.numpy as jnp
import numpy as np
import keras
keras.config.set_floatx("float64")

X = np.array([[-2.0, -0.5, 0.0, 0.25, 0.5],
              [1.0, 3.0, -1.0, 6.5, -0.125],
              [7.0, -3.0, 0.75, 2.0, -0.0625]])
G = np.array([[0.5, -1.0, 0.25, 2.0, -0.75],
              [1.5, 0.125, -0.5, 1.0, 3.0],
              [-2.0, 0.625, 1.25, -0.25, 0.5]])


def row(values):
    return "{" + ", ".join(repr(float(v)) for v in np.ravel(values)) + "}"


def show(case, values):
    print(case, row(values))


show("x", X)
show("upstream", G)
LAYERS = {
    "leaky_relu_default": keras.layers.LeakyReLU(),
    "leaky_relu_0.05": keras.layers.LeakyReLU(negative_slope=0.05),
    "relu_default": keras.layers.ReLU(),
    "relu_max1.5_slope0.1_threshold0.5": keras.layers.ReLU(max_value=1.5, negative_slope=0.1, threshold=0.5),
    "relu_max6": keras.layers.ReLU(max_value=6.0),
    "elu_default": keras.layers.ELU(),
    "elu_0.5": keras.layers.ELU(alpha=0.5),
    "softmax_default": keras.layers.Softmax(),
    "flatten": keras.layers.Flatten(),
}
for name, layer in LAYERS.items():
    show(name, layer(X))
    # the input gradient of sum(upstream * layer(x)), by JAX's autodiff of Keras's own call
    show(name + "_input_gradient", jax.grad(lambda x: jnp.sum(G * layer(x)))(X))

prelu = keras.layers.PReLU()
prelu.build((None, 5))
show("prelu_default_alpha", prelu.get_weights()[0])
ALPHA = np.array([0.1, -0.2, 0.3, 0.05, 1.5])
prelu.set_weights([ALPHA])
show("prelu_alpha", ALPHA)
show("prelu", prelu(X))
show("prelu_input_gradient", jax.grad(lambda x: jnp.sum(G * prelu(x)))(X))
show("prelu_alpha_gradient",
     jax.grad(lambda a: jnp.sum(G * (jax.nn.relu(X) - a * jax.nn.relu(-X))))(ALPHA))
# the same formula as prelu.call, checked against the layer on X
assert np.allclose(prelu(X), jax.nn.relu(X) - ALPHA * jax.nn.relu(-X))

for name, layer in {"gaussian_noise": keras.layers.GaussianNoise(0.3, seed=1),
                    "gaussian_dropout": keras.layers.GaussianDropout(0.2, seed=1),
                    "alpha_dropout": keras.layers.AlphaDropout(0.1, seed=1)}.items():
    show(name + "_inference", layer(X, training=False))

# AlphaDropout in training: Keras's own mask is recovered from its output (a dropped value is a * alpha_p + b)
ALPHA_SELU = 1.6732632423543772848170429916717
SCALE_SELU = 1.0507009873554804934193349852946
for rate in (0.1, 0.5):
    alpha_p = -ALPHA_SELU * SCALE_SELU
    a = ((1 - rate) * (1 + rate * alpha_p ** 2)) ** -0.5
    b = -a * alpha_p * rate
    out = np.asarray(keras.layers.AlphaDropout(rate, seed=7)(X, training=True))
    kept = np.where(np.isclose(out, a * alpha_p + b, rtol=0, atol=1e-12), 0.0, 1.0)
    assert np.allclose(out, a * (X * kept + alpha_p * (1 - kept)) + b)
    show("alpha_dropout_%s_a_b" % rate, [a, b])
    show("alpha_dropout_%s_kept" % rate, kept)
    show("alpha_dropout_%s_training" % rate, out)

# GaussianDropout in training: the multiplicative noise has mean 1 and stddev sqrt(rate / (1 - rate))
big = np.ones((400, 500))
noise = np.asarray(keras.layers.GaussianDropout(0.2, seed=3)(big, training=True))
show("gaussian_dropout_0.2_noise_mean_std", [noise.mean(), noise.std()])
noise = np.asarray(keras.layers.GaussianNoise(0.3, seed=3)(np.zeros((400, 500)), training=True))
show("gaussian_noise_0.3_noise_mean_std", [noise.mean(), noise.std()])
# AlphaDropout keeps zero mean and unit variance for standard normal inputs
normal = np.random.default_rng(5).normal(size=(400, 500))
out = np.asarray(keras.layers.AlphaDropout(0.2, seed=3)(normal, training=True))
show("alpha_dropout_0.2_normal_mean_std", [out.mean(), out.std()])
