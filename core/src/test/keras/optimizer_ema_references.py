# Reference values for KerasEmaAndAccumulationValuesTest, printed by Keras 3.15.1 itself (KERAS_BACKEND=jax, float64):
#   pip install keras jax && python3 optimizer_ema_references.py
# Prints, after each of 7 steps, the weights and the optimizer's "average" slot (use_ema), as Java array rows.
import os
os.environ["KERAS_BACKEND"] = "jax"
import jax
jax.config.update("jax_enable_x64", True)
import numpy as np
import keras
keras.config.set_floatx("float64")

START = [0.5, -1.0, 2.0]
rng = np.random.default_rng(7)
GRADIENTS = [list(np.round(rng.normal(size=3), 3)) for _ in range(7)]
CASES = {
    "sgd ema": lambda: keras.optimizers.SGD(0.1, use_ema=True, ema_momentum=0.9, ema_overwrite_frequency=3),
    "adam accumulation": lambda: keras.optimizers.Adam(0.01, gradient_accumulation_steps=3),
    "sgd both": lambda: keras.optimizers.SGD(0.1, momentum=0.5, use_ema=True, ema_momentum=0.5,
                                             ema_overwrite_frequency=2, gradient_accumulation_steps=2),
}

def rows(values):
    return ", ".join("{" + ", ".join(repr(float(x)) for x in row) + "}" for row in values)

print("GRADIENTS", rows(GRADIENTS))
for name, make in CASES.items():
    v = keras.Variable(np.array(START))
    opt = make()
    weights, averages = [], []
    for g in GRADIENTS:
        opt.apply([np.array(g)], [v])
        weights.append(np.array(v.value))
        averages += [np.array(x.value) for x in opt.variables if "average" in x.path]
    print(name, "weights", rows(weights))
    if averages:
        print(name, "averages", rows(averages))
