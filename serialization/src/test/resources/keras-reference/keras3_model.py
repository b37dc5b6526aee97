# Writes keras3_model.json, the architecture JSON of a Keras 3.15.1 model (KERAS_BACKEND=jax) with every layer
# that ElementwiseLayerJsonTest reads. We (Lamina's authors) wrote this script and ran it:
#   pip install keras jax && python3 keras3_model.py
import os
os.environ["KERAS_BACKEND"] = "jax"
import keras

model = keras.Sequential([
    keras.Input(shape=(5,)),
    keras.layers.Dense(4),
    keras.layers.LeakyReLU(),
    keras.layers.ReLU(max_value=6.0, negative_slope=0.1, threshold=0.5),
    keras.layers.ELU(alpha=0.5),
    keras.layers.PReLU(),
    keras.layers.GaussianNoise(0.1, seed=3),
    keras.layers.GaussianDropout(0.2),
    keras.layers.AlphaDropout(0.1, seed=4),
    keras.layers.Flatten(),
    keras.layers.Dense(3),
    keras.layers.Softmax(),
], name="keras3_layers")
with open("keras3_model.json", "w") as f:
    f.write(model.to_json(indent=1))
