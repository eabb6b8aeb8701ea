import math, json, os
import numpy as np
import torch, torch.nn as nn, torch.nn.functional as F

SR, HOP, WIN, NFFT, NMEL = 16000, 320, 400, 512, 80


def normalize_wave(x, lens):
    # wav2vec2 feature-extractor normalization over the valid samples of each row
    T = x.shape[1]
    mask = (torch.arange(T, device=x.device)[None, :] < lens[:, None]).float()
    n = lens[:, None].float()
    mean = (x * mask).sum(1, keepdim=True) / n
    var = (((x - mean) * mask) ** 2).sum(1, keepdim=True) / n
    return (x - mean) / torch.sqrt(var + 1e-7) * mask


def mel_filterbank(n_mels=NMEL, n_fft=NFFT, sr=SR, fmin=20.0, fmax=7600.0):
    def hz2mel(f): return 2595.0 * np.log10(1.0 + f / 700.0)
    def mel2hz(m): return 700.0 * (10 ** (m / 2595.0) - 1.0)
    nb = n_fft // 2 + 1
    freqs = np.linspace(0, sr / 2, nb)
    mels = np.linspace(hz2mel(fmin), hz2mel(fmax), n_mels + 2)
    hz = mel2hz(mels)
    fb = np.zeros((n_mels, nb), dtype=np.float32)
    for i in range(n_mels):
        l, c, r = hz[i], hz[i + 1], hz[i + 2]
        up = (freqs - l) / (c - l); down = (r - freqs) / (r - c)
        fb[i] = np.maximum(0, np.minimum(up, down))
    return fb


class LogMel(nn.Module):
    """Log-mel spectrogram as a fixed strided convolution: 400-sample Hann window, 320-sample hop,
    so frame i covers samples [320 i, 320 i + 400), the same framing as wav2vec2's feature encoder."""
    def __init__(self):
        super().__init__()
        n = np.arange(WIN)
        win = 0.5 - 0.5 * np.cos(2 * np.pi * n / WIN)
        k = np.arange(NFFT // 2 + 1)[:, None]
        cos = np.cos(2 * np.pi * k * n[None, :] / NFFT) * win
        sin = -np.sin(2 * np.pi * k * n[None, :] / NFFT) * win
        kern = np.concatenate([cos, sin], 0)[:, None, :].astype(np.float32)
        self.register_buffer('kern', torch.from_numpy(kern))
        self.register_buffer('fb', torch.from_numpy(mel_filterbank()))
        # Fixed per-mel offsets measured once on training data (see calibrate): every frame depends only on
        # its own 25 ms of input, so a window of a long file gives the same features as a whole-file pass.
        self.register_buffer('mel_mean', torch.zeros(NMEL))
        self.nb = NFFT // 2 + 1

    def log_mel(self, x):  # [B, T] -> [B, NMEL, frames], before the fixed offsets
        s = F.conv1d(x.unsqueeze(1), self.kern, stride=HOP)
        re, im = s[:, :self.nb], s[:, self.nb:]
        p = re * re + im * im
        return torch.log(torch.matmul(self.fb, p) + 1e-4)

    def forward(self, x):
        return self.log_mel(x) - self.mel_mean[None, :, None]

    @torch.no_grad()
    def calibrate(self, batches):
        """Sets the offsets to the mean log-mel of the given normalized waveforms (each [B, T])."""
        total, frames = torch.zeros(NMEL, device=self.fb.device), 0
        for x in batches:
            m = self.log_mel(x)
            total += m.sum(dim=(0, 2)); frames += m.shape[0] * m.shape[2]
        self.mel_mean.copy_(total / frames)


class Block(nn.Module):
    def __init__(self, d, k, dil):
        super().__init__()
        self.dw = nn.Conv1d(d, d, k, padding=dil * (k // 2), dilation=dil, groups=d)
        self.norm = nn.LayerNorm(d)
        self.ff1 = nn.Linear(d, 2 * d)
        self.ff2 = nn.Linear(2 * d, d)

    def forward(self, x):  # [B, d, T]
        y = self.dw(x).transpose(1, 2)
        y = self.ff2(F.gelu(self.ff1(self.norm(y))))
        return x + y.transpose(1, 2)


# Blocks and their dilations. The first twelve are the architecture every model up to c6978f6 had; the eight after them
# grow it to what the speed budget allows (end-to-end real-time factor <= 0.015 on 2 cores; emissions were 0.0025 of
# 0.007), widening what each frame hears from 3.5 s to 6.7 s either side.
DILATIONS = (1, 1, 2, 2, 4, 4, 1, 1, 2, 2, 4, 1) + (1, 2, 4, 8, 1, 2, 4, 1)


class TinyCtc(nn.Module):
    def __init__(self, vocab, d=256, k=15, dils=DILATIONS):
        super().__init__()
        self.front = LogMel()
        self.inp = nn.Conv1d(NMEL, d, 3, padding=1)
        self.blocks = nn.ModuleList([Block(d, k, dl) for dl in dils])
        self.norm = nn.LayerNorm(d)
        self.out = nn.Linear(d, vocab)

    def grow_from(self, loaded_blocks):
        """Makes the blocks past the first loaded_blocks pass their input through unchanged (each is residual: zero
        output weights leave x + 0), so a model warm-started from a shallower one computes what that one did and the
        new blocks learn from there."""
        with torch.no_grad():
            for b in self.blocks[loaded_blocks:]:
                b.ff2.weight.zero_(); b.ff2.bias.zero_()
        return len(self.blocks) - loaded_blocks

    def forward(self, input_values):  # [B, T] normalized waveform -> [B, frames, vocab] logits
        x = self.front(input_values)
        if self.training and x.device.type == 'cpu':
            # the same convolution as an einsum: on CPU, Debian's torch 1.13 returns random weight
            # gradients (norms up to 1e32) for this padded Conv1d, in float32 and float64 alike
            w = self.inp.weight
            x = torch.einsum('bctk,dck->bdt', F.pad(x, (1, 1)).unfold(2, w.shape[2], 1), w) + self.inp.bias[:, None]
        else:
            x = self.inp(x)
        x = F.gelu(x)
        for b in self.blocks:
            x = b(x)
        return self.out(self.norm(x.transpose(1, 2)))


def export_onnx(model, out_dir, vocab):
    model.eval()
    d = os.path.join(out_dir, 'model')
    os.makedirs(d, exist_ok=True)
    x = torch.randn(1, 16000 * 3)
    path = os.path.join(d, 'model.onnx')
    try:
        torch.onnx.export(model, (x,), path, input_names=['input_values'], output_names=['logits'],
                          dynamic_axes={'input_values': {0: 'batch', 1: 'samples'}, 'logits': {0: 'batch', 1: 'frames'}},
                          opset_version=17, dynamo=False)
    except TypeError:
        torch.onnx.export(model, (x,), path, input_names=['input_values'], output_names=['logits'],
                          dynamic_axes={'input_values': {0: 'batch', 1: 'samples'}, 'logits': {0: 'batch', 1: 'frames'}},
                          opset_version=17)
    json.dump({c: i for i, c in enumerate(vocab)}, open(os.path.join(d, 'vocab.json'), 'w'), ensure_ascii=False, indent=1)
    json.dump({"do_normalize": True, "feature_extractor_type": "Wav2Vec2FeatureExtractor", "feature_size": 1,
               "padding_side": "right", "padding_value": 0.0, "return_attention_mask": False, "sampling_rate": 16000},
              open(os.path.join(d, 'preprocessor_config.json'), 'w'), indent=1)
    # check with onnxruntime
    try:
        import onnxruntime as ort
    except ImportError:
        print('onnxruntime not installed: skipping the ONNX check', flush=True)
        return
    sess = ort.InferenceSession(path, providers=['CPUExecutionProvider'])
    for T in (16000, 16000 * 7 + 123):
        xi = torch.randn(2, T)
        with torch.no_grad():
            ref = model(xi).numpy()
        got = sess.run(['logits'], {'input_values': xi.numpy()})[0]
        print('onnx check T=%d shape=%s maxdiff=%.2e frames_expected=%d' % (T, got.shape, np.abs(got - ref).max(), (T - WIN) // HOP + 1), flush=True)
