"""Writes the small Keras files of this folder (see README.md). Run from this folder:

    KERAS_BACKEND=jax python3 make_keras_files.py

Needs Keras 3 and h5py. The files are written by Keras itself except the ones named bad-*, which h5py derives from
Keras's files to hold one specific defect each. Deterministic: fixed seeds, fixed inputs.
"""
import json
import os

os.environ.setdefault("KERAS_BACKEND", "jax")

import h5py  # noqa: E402
import keras  # noqa: E402
import numpy as np  # noqa: E402

keras.utils.set_random_seed(12)
INPUTS = np.random.default_rng(3).standard_normal((4, 6)).astype("float32")
INPUTS[0] = 0


def sequential():
    return keras.Sequential([
        keras.Input((6,)),
        keras.layers.Dense(8, activation="leaky_relu", bias_initializer="random_normal"),
        keras.layers.Dropout(0.2),
        keras.layers.Dense(5, activation="tanh", use_bias=False),
        keras.layers.Dense(4, bias_initializer="random_normal"),
        keras.layers.Activation("softmax"),
    ], name="made_sequential")


def functional():
    inputs = keras.Input((6,), name="features")
    x = keras.layers.Dense(8, activation="elu", bias_initializer="random_normal")(inputs)
    x = keras.layers.Dropout(0.1)(x)
    x = keras.layers.Dense(3, bias_initializer="random_normal")(x)
    outputs = keras.layers.Activation("sigmoid")(x)
    return keras.Model(inputs, outputs, name="made_functional")


def copy_with(source, target, edit=None, userblock=0):
    """Copies an HDF5 file with h5py, optionally editing the copy."""
    with h5py.File(source, "r") as src, h5py.File(target, "w", userblock_size=userblock or None) as dst:
        for key, value in src.attrs.items():
            dst.attrs[key] = value
        for name in src:
            src.copy(src[name], dst, name)
        if edit:
            edit(dst)


def main():
    outputs = {"inputs": INPUTS.tolist(), "keras_version": keras.__version__}
    for name, build in [("sequential", sequential), ("functional", functional)]:
        model = build()
        model.compile(optimizer="adam", loss="mse")
        model.fit(INPUTS, np.zeros((4, model.output_shape[-1]), "float32"), epochs=1, verbose=0)
        model.save(f"{name}.keras")
        model.save(f"{name}.h5")
        model.save_weights(f"{name}.weights.h5")
        with open(f"{name}.json", "w") as f:
            f.write(model.to_json())
        outputs[name] = model.predict(INPUTS, verbose=0).astype("float64").tolist()
    with open("outputs.json", "w") as f:
        json.dump(outputs, f, indent=1)

    # the legacy .h5 behind a 512-byte user block: the HDF5 signature is at offset 512
    copy_with("sequential.h5", "sequential-userblock.h5", userblock=512)

    def int_kernel(f):
        del f["layers/dense/vars/0"]
        f["layers/dense/vars/0"] = np.ones((6, 8), "int32")

    def wrong_shape(f):
        del f["layers/dense/vars/0"]
        f["layers/dense/vars/0"] = np.ones((6, 9), "float32")

    def missing_bias(f):
        del f["layers/dense/vars/1"]

    def extra_layer(f):
        f.create_group("layers/dense_7/vars")["0"] = np.ones((3,), "float32")

    def absurd_shape(f):
        del f["layers/dense/vars/0"]
        f.create_dataset("layers/dense/vars/0", shape=(6_000_000_000, 8), dtype="float32", chunks=(1024, 8))

    def renamed(f):  # Keras 3.7+ records the layer's name on vars: here another model's layer
        f["layers/dense_1/vars"].attrs["name"] = "hidden"

    for label, edit in [("renamed", renamed), ("int-kernel", int_kernel), ("wrong-shape", wrong_shape), ("missing-bias", missing_bias),
                        ("extra-layer", extra_layer), ("absurd-shape", absurd_shape)]:
        copy_with("sequential.weights.h5", f"bad-{label}.weights.h5", edit)

    def tf213_layout(f):  # tf.keras 2.12-2.14 .keras files kept the layers under this name
        f.move("layers", "_layer_checkpoint_dependencies")

    copy_with("sequential.weights.h5", "sequential-tf213-layout.weights.h5", tf213_layout)

    def chunked_names(f):  # Keras splits a names attribute over 64 KiB into layer_names0, layer_names1, ...
        group = f["model_weights"]
        names = list(group.attrs["layer_names"])
        del group.attrs["layer_names"]
        group.attrs["layer_names0"] = names[:2]
        group.attrs["layer_names1"] = names[2:]

    copy_with("sequential.h5", "sequential-chunked-names.h5", chunked_names)

    def legacy_wrong_shape(f):
        group = f["model_weights/dense"]
        path = [n for n in group.attrs["weight_names"] if n.endswith("bias")][0]
        del group[path]
        group[path] = np.ones((7,), "float32")

    copy_with("sequential.h5", "bad-legacy-wrong-shape.h5", legacy_wrong_shape)


if __name__ == "__main__":
    main()
