#!/usr/bin/python3
"""A wav2vec2-base CTC model (the architecture of facebook/wav2vec2-base-960h: 95 M parameters) with random weights,
exported to ONNX in the Hugging Face folder layout Foreman loads (model.onnx, vocab.json, preprocessor_config.json,
config.json). Weights are random: the export measures what a base-size model costs on a CPU, not what it hears.

    /usr/bin/python3 training/base_size/wav2vec2_base.py OUT_DIR

Needs Debian's python3-torch (1.13). The layers follow transformers' Wav2Vec2ForCTC (feat_extract_norm="group",
do_stable_layer_norm=False): seven conv layers over the waveform (a 20 ms stride), a feature projection, a
convolutional position embedding, twelve post-norm transformer layers of width 768, and a linear CTC head.
"""
import json
import os
import sys

import torch
from torch import nn

HIDDEN, LAYERS, HEADS, FFN = 768, 12, 12, 3072
CONV = [(512, 10, 5)] + [(512, 3, 2)] * 4 + [(512, 2, 2)] * 2
VOCAB = ["<pad>", "<s>", "</s>", "<unk>", "|"] + list("ETAONIHSRDLUMWCFGYPBVK'XJQZ")


class FeatureEncoder(nn.Module):
    def __init__(self):
        super().__init__()
        layers, channels = [], 1
        for i, (out, kernel, stride) in enumerate(CONV):
            layers.append(nn.Conv1d(channels, out, kernel, stride, bias=False))
            if i == 0:
                layers.append(nn.GroupNorm(out, out))
            layers.append(nn.GELU())
            channels = out
        self.layers = nn.Sequential(*layers)

    def forward(self, waveform):  # [batch, samples] -> [batch, frames, 512]
        return self.layers(waveform.unsqueeze(1)).transpose(1, 2)


class EncoderLayer(nn.Module):
    def __init__(self):
        super().__init__()
        self.attention = nn.MultiheadAttention(HIDDEN, HEADS, batch_first=True)
        self.layer_norm = nn.LayerNorm(HIDDEN)
        self.feed_forward = nn.Sequential(nn.Linear(HIDDEN, FFN), nn.GELU(), nn.Linear(FFN, HIDDEN))
        self.final_layer_norm = nn.LayerNorm(HIDDEN)

    def forward(self, x):
        x = self.layer_norm(x + self.attention(x, x, x, need_weights=False)[0])
        return self.final_layer_norm(x + self.feed_forward(x))


class Wav2Vec2Ctc(nn.Module):
    def __init__(self):
        super().__init__()
        self.features = FeatureEncoder()
        self.projection = nn.Sequential(nn.LayerNorm(512), nn.Linear(512, HIDDEN))
        self.position = nn.Conv1d(HIDDEN, HIDDEN, 128, padding=64, groups=16)
        self.layer_norm = nn.LayerNorm(HIDDEN)
        self.layers = nn.ModuleList(EncoderLayer() for _ in range(LAYERS))
        self.lm_head = nn.Linear(HIDDEN, len(VOCAB))

    def forward(self, input_values):
        x = self.projection(self.features(input_values))
        position = self.position(x.transpose(1, 2))[:, :, :-1]  # an even kernel pads one frame too many
        x = self.layer_norm(x + nn.functional.gelu(position).transpose(1, 2))
        for layer in self.layers:
            x = layer(x)
        return self.lm_head(x)


def main(out_dir):
    os.makedirs(out_dir, exist_ok=True)
    torch.manual_seed(0)
    model = Wav2Vec2Ctc().eval()
    print(f"parameters: {sum(p.numel() for p in model.parameters()) / 1e6:.1f} M")
    example = torch.randn(1, 16000 * 4)
    torch.onnx.export(model, (example,), os.path.join(out_dir, "model.onnx"), opset_version=14,
                      input_names=["input_values"], output_names=["logits"],
                      dynamic_axes={"input_values": {1: "samples"}, "logits": {1: "frames"}})
    with open(os.path.join(out_dir, "vocab.json"), "w") as f:
        json.dump({token: i for i, token in enumerate(VOCAB)}, f, indent=1)
    with open(os.path.join(out_dir, "preprocessor_config.json"), "w") as f:
        json.dump({"do_normalize": True, "feature_extractor_type": "Wav2Vec2FeatureExtractor", "feature_size": 1,
                   "padding_side": "right", "padding_value": 0.0, "return_attention_mask": False,
                   "sampling_rate": 16000}, f, indent=1)
    with open(os.path.join(out_dir, "config.json"), "w") as f:
        json.dump({"architectures": ["Wav2Vec2ForCTC"], "pad_token_id": 0, "word_delimiter_token": "|",
                   "hidden_size": HIDDEN, "num_hidden_layers": LAYERS, "num_attention_heads": HEADS,
                   "intermediate_size": FFN, "vocab_size": len(VOCAB)}, f, indent=1)


if __name__ == "__main__":
    if len(sys.argv) != 2:
        sys.exit(__doc__)
    main(sys.argv[1])
