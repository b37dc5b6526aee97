# Reference values for KerasReferenceValuesTest, printed by Keras 3.15.1 itself (KERAS_BACKEND=jax, float32):
#   pip install keras jax && python3 metric_references.py
# (The numpy backend breaks top_k ties towards the higher index; JAX and TensorFlow, like Lamina, the lower one.)
import os
os.environ["KERAS_BACKEND"] = "jax"
import numpy as np
import keras
M = keras.metrics
def r(m, yt, yp, sw=None):
    m.update_state(np.array(yt, dtype="float32"), np.array(yp, dtype="float32"), sample_weight=sw)
    return np.asarray(m.result()).tolist()
mp = [[0, 0.1], [0.5, 0.2], [0.3, 0.3], [0.9, 0.4]]
good = [[0, 0], [0, 0], [1, 1], [1, 1]]
print("pr multi good", r(M.AUC(num_thresholds=5, curve="PR", multi_label=True), good, mp))
print("roc multi good", r(M.AUC(num_thresholds=5, multi_label=True), good, mp))
print("pr flat weighted", r(M.AUC(num_thresholds=3, curve="PR"), [0,0,1,1], [0,0.5,0.3,0.9], sw=np.array([1,2,3,4.])))
print("pr flat 200", r(M.AUC(curve="PR"), [0,1,0,1,1,0,1], [0.1,0.35,0.4,0.8,0.62,0.7,0.05]))
print("roc flat 200", r(M.AUC(), [0,1,0,1,1,0,1], [0.1,0.35,0.4,0.8,0.62,0.7,0.05]))
print("pr multi 200", r(M.AUC(curve="PR", multi_label=True), [[0,1],[1,1],[0,0],[1,0],[1,1]], [[0.2,0.9],[0.6,0.55],[0.3,0.1],[0.9,0.45],[0.4,0.7]]))
print("r2 multi uniform", r(M.R2Score(), [[1,2],[4,1],[3,7],[2,2]], [[2,2.5],[4,1],[4,6],[1,3]]))
print("r2 multi vw", r(M.R2Score(class_aggregation="variance_weighted_average"), [[1,2],[4,1],[3,7],[2,2]], [[2,2.5],[4,1],[4,6],[1,3]]))
print("r2 adjusted", r(M.R2Score(num_regressors=1), [[1],[4],[3],[2],[5]], [[2],[4],[4],[1],[4.5]]))
print("topk tie", r(M.TopKCategoricalAccuracy(k=1), [[0,1,0],[1,0,0]], [[0.5,0.5,0],[0.2,0.2,0.2]]))
print("sparse topk2", r(M.SparseTopKCategoricalAccuracy(k=2), [[2],[1],[0]], [[0.1,0.5,0.4],[0.3,0.3,0.3],[0.1,0.6,0.3]]))
print("mape", r(M.MeanAbsolutePercentageError(), [[2,-4],[0.5,3]], [[1,-3],[1,3.3]]))
print("rmse", r(M.RootMeanSquaredError(), [[2,-4],[0.5,3]], [[1,-3],[1,3.3]]))
print("f1 none argmax", r(M.F1Score(), [[1,0,0],[0,1,0],[0,0,1],[0,1,0]], [[0.5,0.5,0],[0.1,0.7,0.2],[0.3,0.3,0.4],[0.6,0.3,0.1]]))
print("f1 one unit no threshold", r(M.F1Score(), [[0],[1],[1]], [[0.1],[0.9],[0.0]]))
print("fbeta weighted", r(M.FBetaScore(average="weighted", beta=0.5, threshold=0.4), [[1,0,1],[0,1,0],[1,1,0],[0,0,1]], [[0.5,0.5,0.3],[0.1,0.7,0.2],[0.3,0.45,0.4],[0.6,0.3,0.1]]))
print("precision topk2 class1", r(M.Precision(top_k=2, class_id=1), [[1,0,1],[0,1,0],[1,1,0],[0,0,1]], [[0.5,0.5,0.3],[0.1,0.7,0.2],[0.3,0.45,0.4],[0.6,0.3,0.1]]))
print("recall thresholds", r(M.Recall(thresholds=[0.0,0.35,0.5,1.0]), [[1,0,1],[0,1,0],[1,1,0],[0,0,1]], [[0.5,0.5,0.3],[0.1,0.7,0.2],[0.3,0.45,0.4],[0.6,0.3,0.1]]))
print("precision topk tie", r(M.Precision(top_k=1), [[0,1,0]], [[0.5,0.5,0.1]]))
