"""Opens the Keras files Lamina wrote (KerasCheckModels) with real Keras 3 and compares.

For each NAME.keras in the folder given as the only argument:
  * keras.models.load_model(NAME.keras) opens it, and its predictions on the inputs in NAME.json match Java's
    (float32 rounding: |keras - java| <= 1e-5 * max(1, |java|));
  * Keras's serialization of the loaded model is Lamina's config.json (keys, strings, booleans, nulls; numbers to
    float32 rounding), except the keys Keras added after 3.10 (BatchNormalization's renorm);
  * a fresh model from the archive's config, given NAME.weights.h5 with model.load_weights, predicts the same;
  * Keras saving the loaded model again writes a model.weights.h5 of the same structure (groups, attribute names,
    dataset shapes; dtypes too outside the optimizer, whose step count is int32 under JAX and int64 under TF, as is
    Normalization's count);
  * when NAME.after-step.weights.h5 exists: one train_on_batch on the whole data set in Keras, starting from the
    optimizer state saved in the archive, gives the weights Java had after the same step (so the optimizer
    variables are in Keras's order and mean what Keras means by them).
Exits with status 1 on any mismatch. Needs keras (3.x), h5py and numpy; set KERAS_BACKEND (run uses jax, with
JAX_ENABLE_X64=1 so that the float64 model keeps float64 weights; float32 models stay float32).
"""
import io
import json
import pathlib
import sys
import warnings
import zipfile

import h5py
import keras
import numpy as np


@keras.saving.register_keras_serializable()
def ma_fonction(x):
    """The custom activation registered in KerasCheckModels.java: x * sigmoid(1.5 x)."""
    return x * keras.ops.sigmoid(1.5 * x)


def close(actual, expected, tolerance=1e-5):
    actual = np.asarray(actual, dtype=np.float64)
    expected = np.asarray(expected, dtype=np.float64)
    if actual.shape != expected.shape:
        return False, f"shape {actual.shape} != {expected.shape}"
    bound = tolerance * np.maximum(1.0, np.abs(expected))
    worst = float(np.max(np.abs(actual - expected) / bound)) if actual.size else 0.0
    return worst <= 1.0, f"max |diff| = {float(np.max(np.abs(actual - expected))):.3g}"


def weights_in(path):
    """The layer weights of a Keras weights file, in model order (layers/<key>/vars/<i>)."""
    found = {}
    with h5py.File(path, "r") as f:
        def visit(name, obj):
            if isinstance(obj, h5py.Dataset) and name.startswith("layers/"):
                found[name] = np.array(obj)
        f.visititems(visit)
    return found


def structure(h5_bytes):
    """Every node of a weights file: groups with their attribute names, datasets with shape (and dtype)."""
    nodes = {}
    with h5py.File(io.BytesIO(h5_bytes), "r") as f:
        def visit(name, obj):
            if isinstance(obj, h5py.Group):
                nodes[name] = ("group", tuple(sorted(obj.attrs.keys())))
            else:
                dtype = "" if name.startswith("optimizer/") else str(obj.dtype)
                # an integer variable (Normalization's count) is int64 under TensorFlow, int32 under JAX
                dtype = "int" if dtype in ("int32", "int64") else dtype
                nodes[name] = ("dataset", obj.shape, dtype)
        f.visititems(visit)
    return nodes


# keys that Keras versions after 3.10 (whose format Lamina writes) add to their configs: BatchNormalization's batch
# renormalization (3.14), InputLayer's optional, VarianceScaling's input_axes/output_axes, Dense's
# quantization_config; Keras 3.10's from_config would refuse some of them
NEWER_KEYS = {"renorm", "renorm_clipping", "renorm_momentum", "optional", "input_axes", "output_axes",
              "quantization_config"}


def config_differences(ours, theirs, path="config"):
    """Where Lamina's config.json differs from Keras's serialization of the model it loaded from it: missing or
    extra keys, other strings, booleans or nulls, and numbers beyond float32 rounding."""
    found = []
    if isinstance(ours, dict) and isinstance(theirs, dict):
        ours = {k: v for k, v in ours.items() if k != "shared_object_id"}
        theirs = {k: v for k, v in theirs.items() if k != "shared_object_id" and k not in NEWER_KEYS}
        for key in sorted(set(ours) | set(theirs)):
            if key not in theirs:
                found.append(f"{path}.{key}: only in Lamina's")
            elif key not in ours:
                found.append(f"{path}.{key}: only in Keras's ({theirs[key]!r})")
            else:
                found += config_differences(ours[key], theirs[key], f"{path}.{key}")
    elif isinstance(ours, list) and isinstance(theirs, list) and len(ours) == len(theirs):
        for i, (a, b) in enumerate(zip(ours, theirs)):
            found += config_differences(a, b, f"{path}[{i}]")
    elif isinstance(ours, (int, float)) and isinstance(theirs, (int, float)) \
            and not isinstance(ours, bool) and not isinstance(theirs, bool):
        if abs(ours - theirs) > 1e-6 * max(1.0, abs(theirs)):
            found.append(f"{path}: {ours!r} != Keras's {theirs!r}")
    elif ours != theirs:
        found.append(f"{path}: {ours!r} != Keras's {theirs!r}")
    return found


def check(folder, name):
    record = json.loads((folder / f"{name}.json").read_text())
    x = np.array(record["x"], dtype=np.float32)
    java = np.array(record["predictions"], dtype=np.float32)
    problems = []
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        model = keras.models.load_model(folder / f"{name}.keras")
    ok, how = close(model.predict(x, verbose=0), java)
    print(f"{name}: load_model predicts as Java: {ok} ({how})")
    if not ok:
        problems.append("load_model predictions")
    for message in sorted({str(w.message) for w in caught}):
        print(f"    warning while loading: {message}")
        if "optimizer" in message and (folder / f"{name}.after-step.weights.h5").exists():
            problems.append("optimizer state skipped")

    ours = json.loads(zipfile.ZipFile(folder / f"{name}.keras").read("config.json"))
    theirs = json.loads(json.dumps(keras.saving.serialize_keras_object(model)))  # tuples become lists
    # Keras's Sequential.from_config does not read the model's own dtype (its layers keep theirs), so a float64
    # model loads with the global float32 policy; Lamina writes float64, as Keras does under set_floatx("float64")
    theirs["config"]["dtype"] = ours["config"]["dtype"]
    differences = config_differences(ours, theirs)
    print(f"{name}: Keras serializes the loaded model with the same config: {not differences}")
    for difference in differences:
        print(f"    {difference}")
    if differences:
        problems.append("config")

    resaved = folder / f"{name}.resaved-by-keras.keras"
    model.save(resaved)
    ours = structure(zipfile.ZipFile(folder / f"{name}.keras").read("model.weights.h5"))
    theirs = structure(zipfile.ZipFile(resaved).read("model.weights.h5"))
    ok = ours == theirs
    print(f"{name}: Keras re-saves the same weights structure: {ok}")
    if not ok:
        print(f"    only in Lamina's: {sorted(set(ours.items()) - set(theirs.items()))}")
        print(f"    only in Keras's: {sorted(set(theirs.items()) - set(ours.items()))}")
        problems.append("weights structure")

    config = json.loads(zipfile.ZipFile(folder / f"{name}.keras").read("config.json"))
    fresh = keras.Sequential.from_config(config["config"])
    fresh.load_weights(folder / f"{name}.weights.h5")
    ok, how = close(fresh.predict(x, verbose=0), java)
    print(f"{name}: load_weights predicts as Java: {ok} ({how})")
    if not ok:
        problems.append("load_weights predictions")

    after = folder / f"{name}.after-step.weights.h5"
    if after.exists():
        y = np.array(record["y"], dtype=np.float32)
        model.train_on_batch(x, y)
        model.save_weights(folder / f"{name}.keras-step.weights.h5")
        expected = weights_in(after)
        actual = weights_in(folder / f"{name}.keras-step.weights.h5")
        same_keys = sorted(expected) == sorted(actual)
        results = [close(actual[k], expected[k], 1e-4) for k in sorted(expected)] if same_keys else []
        ok = same_keys and all(r[0] for r in results)
        worst = max((float(np.max(np.abs(actual[k] - expected[k]))) for k in expected), default=0.0) \
            if same_keys else float("nan")
        print(f"{name}: one more training step in Keras gives Java's weights: {ok} (max |diff| = {worst:.3g})")
        if not ok:
            problems.append("training step from the saved optimizer state")
    return problems


def main():
    folder = pathlib.Path(sys.argv[1] if len(sys.argv) > 1 else "serialization/target/keras-check")
    names = sorted(p.name[: -len(".keras")] for p in folder.glob("*.keras") if ".resaved-by-keras" not in p.name)
    if not names:
        sys.exit(f"No .keras files in {folder}; run tools/keras-check/run first.")
    print(f"Keras {keras.__version__}, backend {keras.backend.backend()}")
    failed = {}
    for name in names:
        problems = check(folder, name)
        if problems:
            failed[name] = problems
    if failed:
        print(f"FAILED: {failed}")
        sys.exit(1)
    print(f"All {len(names)} models open in Keras and match Java.")


if __name__ == "__main__":
    main()
