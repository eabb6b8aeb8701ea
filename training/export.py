"""Exports a training checkpoint (tiny_ctc.pt) to the ONNX model folder, e.g. to benchmark it while training runs:
python3 export.py OUT/tiny_ctc.pt OUT/snapshot  ->  OUT/snapshot/model/{model.onnx,vocab.json,preprocessor_config.json}"""
import sys
import torch
from model_def import TinyCtc, export_onnx
from train import VOCAB

model = TinyCtc(len(VOCAB))
model.load_state_dict(torch.load(sys.argv[1], map_location='cpu'))
export_onnx(model, sys.argv[2], VOCAB)
