# Trains a small character CTC acoustic model on speech synthesized with espeak-ng (English, and French, Spanish and
# German sentences from languages.py when LANG_TSV is set), some of it reshaped by rubberband (pitch, formants, tempo),
# exports it to ONNX in the wav2vec2-CTC layout (input_values -> logits, 20 ms frames),
# and measures line-level alignment error on synthetic "songs" with known timings.
# Needs: espeak-ng, python3-torch, python3-numpy, python3-scipy, python3-onnx (Debian packages).
# Runs on a GPU when one is visible, else on all CPU cores (BATCH_SECONDS=160 suits a CPU).
import os, sys, json, math, time, random, subprocess, io, wave, glob, shutil
import numpy as np
from concurrent.futures import ProcessPoolExecutor

HERE = os.path.dirname(os.path.abspath(__file__))
# A locally unpacked espeak-ng (./.espeak/usr/...) wins over the system one, for machines without root.
_LOCAL = os.path.join(HERE, '.espeak')
if os.path.exists(os.path.join(_LOCAL, 'usr/bin/espeak-ng')):
    ESP_BIN = os.path.join(_LOCAL, 'usr/bin/espeak-ng')
    ESP_ARGS = ['--path=' + os.path.join(_LOCAL, 'usr/lib/x86_64-linux-gnu')]
    ESP_LIB = os.path.join(_LOCAL, 'usr/lib/x86_64-linux-gnu')
else:
    ESP_BIN = shutil.which('espeak-ng') or 'espeak-ng'
    ESP_ARGS = []
    ESP_LIB = None
OUT = os.environ.get('OUT', os.path.join(HERE, 'out'))
TRAIN_SECONDS = float(os.environ.get('TRAIN_SECONDS', '330'))
N_UTT = int(os.environ.get('N_UTT', '30000'))
LANG_TSV = os.environ.get('LANG_TSV')  # languages.py output: sentences in other languages, with their labels
LANG_SHARE = float(os.environ.get('LANG_SHARE', '0.3'))  # share of utterances drawn from LANG_TSV
RUBBERBAND_SHARE = float(os.environ.get('RUBBERBAND_SHARE', '0.3'))  # share of utterances reshaped by rubberband
SING_SHARE = float(os.environ.get('SING_SHARE', '0.2'))  # share of utterances given a melody by Praat (sing.praat)

VOCAB = ["<pad>", "<s>", "</s>", "<unk>", "|", "E", "T", "A", "O", "N", "I", "H", "S", "R", "D", "L",
         "U", "M", "W", "C", "F", "G", "Y", "P", "B", "V", "K", "'", "X", "J", "Q", "Z"]
TOK = {c: i for i, c in enumerate(VOCAB)}
SR = 16000
HOP = 320
WIN = 400

ACCENTS = ['en-us', 'en-gb', 'en-gb-scotland', 'en-gb-x-gbclan', 'en-gb-x-rp', 'en-029', 'en-us-nyc']
VARIANTS = ['', 'm1', 'm2', 'm3', 'm4', 'm5', 'm6', 'm7', 'f1', 'f2', 'f3', 'f4', 'f5', 'klatt', 'klatt2', 'klatt3',
            'Alex', 'Andrea', 'Annie', 'boris', 'caleb', 'david', 'edward', 'iven', 'john', 'linda', 'max',
            'michel', 'paul', 'robert', 'steph', 'travis', 'victor', 'zac', 'Mike', 'Tweaky', 'aunty', 'belinda']


def espeak_env():
    env = dict(os.environ)
    if ESP_LIB:
        env['LD_LIBRARY_PATH'] = ESP_LIB
    return env


def synth(args):
    text, label, language, seed = args
    r = random.Random(seed)
    voice = r.choice(ACCENTS) if language == 'en' else language
    var = r.choice(VARIANTS)
    if var:
        voice += '+' + var
    speed = r.randint(110, 250)
    pitch = r.randint(15, 85)
    gap = r.choice([0, 0, 0, 1, 2, 4, 8])
    cmd = [ESP_BIN] + ESP_ARGS + ['-v', voice, '-s', str(speed), '-p', str(pitch), '-g', str(gap), '--stdout']
    if r.random() < 0.35:
        # sung-like: per-word stretched timing and pitch jumps
        ws = []
        for w in text.split():
            ws.append('<prosody rate="%d%%" pitch="%+d%%">%s</prosody>' % (r.randint(30, 140), r.randint(-40, 80), w))
        cmd += ['-m', '<speak>' + ' '.join(ws) + '</speak>']
    else:
        cmd += [text]
    try:
        raw = subprocess.run(cmd, capture_output=True, env=espeak_env(), timeout=30).stdout
        with wave.open(io.BytesIO(raw)) as w:
            sr = w.getframerate()
            x = np.frombuffer(w.readframes(w.getnframes()), dtype=np.int16).astype(np.float32)
    except Exception:
        return None
    if len(x) < sr * 0.3:
        return None
    from scipy.signal import resample_poly
    g = math.gcd(SR, sr)
    y = resample_poly(x, SR // g, sr // g).astype(np.float32)
    # trim leading/trailing digital silence a little, keep 0-150 ms margins
    nz = np.nonzero(np.abs(y) > 50)[0]
    if len(nz) == 0:
        return None
    a = max(0, nz[0] - r.randint(0, 2400)); b = min(len(y), nz[-1] + r.randint(0, 2400))
    y = y[a:b]
    if r.random() < SING_SHARE:
        y = sing(y, r)
        if y is None:
            return None
    if r.random() < RUBBERBAND_SHARE:
        y = reshape(y, r)
        if y is None:
            return None
    return np.clip(y, -32768, 32767).astype(np.int16), label


def reshape(y, r):
    """Another voice from the same one: rubberband shifts the pitch (with or without its formants) and the tempo."""
    cmd = ['rubberband', '-q', '-p', '%.2f' % r.uniform(-5, 5), '-T', '%.3f' % r.uniform(0.75, 1.3)]
    if r.random() < 0.5:
        cmd.append('-F')  # keep the formants: the same throat, another note
    return through_files(y, lambda src, dst: cmd + [src, dst])


def sing(y, r):
    """The utterance sung: Praat moves its pitch onto a tune (notes of a major or minor scale, with vibrato)."""
    scale = [0, 2, 4, 5, 7, 9, 11, 12] if r.random() < 0.6 else [0, 2, 3, 5, 7, 8, 10, 12]
    root = r.uniform(90, 330)
    degree, notes = r.randrange(len(scale)), []
    for _ in range(r.randint(3, 8)):
        degree = max(0, min(len(scale) - 1, degree + r.choice([-2, -1, 0, 1, 1, 2])))
        notes.append('%.1f' % (root * 2 ** (scale[degree] / 12)))
    args = ['%.3f' % r.uniform(0.2, 0.8), '%.2f' % r.uniform(4.5, 6.5), '%.0f' % r.uniform(0, 60), ' '.join(notes)]
    return through_files(y, lambda src, dst: ['praat', '--run', os.path.join(HERE, 'sing.praat'), src, dst] + args)


def through_files(y, command):
    """y run through a tool that reads and writes 16 kHz WAV files; None when the tool fails."""
    import tempfile
    with tempfile.TemporaryDirectory() as tmp:
        src, dst = os.path.join(tmp, 'in.wav'), os.path.join(tmp, 'out.wav')
        with wave.open(src, 'wb') as w:
            w.setnchannels(1); w.setsampwidth(2); w.setframerate(SR)
            w.writeframes(np.clip(y, -32768, 32767).astype(np.int16).tobytes())
        try:
            subprocess.run(command(src, dst), capture_output=True, check=True, timeout=60)
            with wave.open(dst) as w:
                return np.frombuffer(w.readframes(w.getnframes()), dtype=np.int16).astype(np.float32)
        except (subprocess.SubprocessError, OSError, wave.Error):
            return None


def encode(label):
    """A label from `foreman text normalize` (tokens, '|' between words) as token ids."""
    return [TOK[c] for c in label]


def make_texts(n, rng):
    """n utterance texts as (text, label, language): English from corpus.txt, and a LANG_SHARE of them from LANG_TSV.
    Every label comes from `foreman text normalize` (languages.label), the aligner's own reading of the text."""
    from languages import label
    sents = [l.strip() for l in open(os.path.join(HERE, 'corpus.txt')) if l.strip()]
    words = sorted({w for s in sents for w in s.split()})
    other = [l.rstrip('\n').split('\t') for l in open(LANG_TSV, encoding='utf-8')] if LANG_TSV else []
    english, texts = [], []
    for i in range(n):
        if other and rng.random() < LANG_SHARE:
            language, text, tokens = rng.choice(other)
            texts.append((text, tokens, language))
            continue
        u = rng.random()
        if u < 0.65:
            t = rng.choice(sents[:-2000])
        elif u < 0.85:
            t = ' '.join(rng.choice(words) for _ in range(rng.randint(2, 10)))
        else:
            t = rng.choice(sents[:-2000]) + ' ' + rng.choice(sents[:-2000])
        english.append(len(texts))
        texts.append((t, None, 'en'))
    for i, tokens in zip(english, label([texts[i][0] for i in english], 'en')):
        texts[i] = (texts[i][0], tokens, 'en')
    return [t for t in texts if t[1]], sents, words


HELD_VOICES = ['en-gb-x-gbcwmd', 'en-us+Andy', 'en-gb+grandma', 'en-us+klatt4', 'en-us+quincy', 'en-gb+shelby', 'en-us+steph2', 'en-029+m8']


def synth_fixed(text, voice, speed, pitch):
    cmd = [ESP_BIN] + ESP_ARGS + ['-v', voice, '-s', str(speed), '-p', str(pitch), '--stdout', text]
    raw = subprocess.run(cmd, capture_output=True, env=espeak_env(), timeout=30).stdout
    with wave.open(io.BytesIO(raw)) as w:
        sr = w.getframerate()
        x = np.frombuffer(w.readframes(w.getnframes()), dtype=np.int16).astype(np.float32)
    from scipy.signal import resample_poly
    g = math.gcd(SR, sr)
    return resample_poly(x, SR // g, sr // g).astype(np.float32)


def ctc_align(lp, toks, blank=0):
    """Viterbi forced alignment of token ids over log-probs lp [T, V]; returns [(start_frame, end_frame_exclusive)] per token."""
    T = lp.shape[0]
    ext = [blank]
    for t in toks:
        ext += [t, blank]
    S = len(ext)
    ext = np.array(ext)
    NEG = -1e30
    dp = np.full(S, NEG); dp[0] = lp[0, ext[0]]; dp[1] = lp[0, ext[1]]
    bp = np.zeros((T, S), dtype=np.int8)
    skip_ok = np.zeros(S, bool)
    skip_ok[2:] = (ext[2:] != blank) & (ext[2:] != ext[:-2])
    for t in range(1, T):
        stay = dp
        step1 = np.concatenate([[NEG], dp[:-1]])
        step2 = np.where(skip_ok, np.concatenate([[NEG, NEG], dp[:-2]]), NEG)
        cand = np.stack([stay, step1, step2])
        arg = cand.argmax(0)
        dp = cand[arg, np.arange(S)] + lp[t, ext]
        bp[t] = arg
    s = S - 1 if dp[S - 1] >= dp[S - 2] else S - 2
    path = [0] * T
    for t in range(T - 1, -1, -1):
        path[t] = s
        s -= bp[t, s]
    spans = {}
    for t, st in enumerate(path):
        if st % 2 == 1:
            k = st // 2
            if k in spans:
                spans[k][1] = t + 1
            else:
                spans[k] = [t, t + 1]
    return [tuple(spans[k]) for k in range(len(toks))]


def song_eval(model, sents, music, dev):
    import torch
    from languages import label
    r = random.Random(4242)
    held = sents[-2000:]
    labels = dict(zip(held, label(held, 'en')))
    held = [h for h in held if labels[h]]
    errs_s, errs_e = [], []
    for song in range(24):
        voice = r.choice(HELD_VOICES); speed = r.randint(120, 200); pitch = r.randint(20, 80)
        lines = [r.choice(held) for _ in range(6)]
        parts = [np.zeros(int(SR * r.uniform(0.5, 3.0)), np.float32)]
        truth = []
        pos = len(parts[0])
        for ln in lines:
            y = synth_fixed(ln, voice, speed, pitch)
            nz = np.nonzero(np.abs(y) > 50)[0]
            truth.append(((pos + nz[0]) / SR, (pos + nz[-1]) / SR))
            parts.append(y); pos += len(y)
            gap = np.zeros(int(SR * r.uniform(0.3, 2.5)), np.float32)
            parts.append(gap); pos += len(gap)
        x = torch.from_numpy(np.concatenate(parts)).to(dev)[None]
        x = x / (x.pow(2).mean().sqrt() + 1e-5)
        snr = r.choice([None, 15, 10, 5])
        if snr is not None:
            g = torch.Generator(device=dev); g.manual_seed(song)
            bg = music(1, x.shape[1], g); bg = bg / (bg.pow(2).mean().sqrt() + 1e-5)
            x = x + bg * 10 ** (-snr / 20)
        from model_def import normalize_wave
        x = normalize_wave(x, torch.tensor([x.shape[1]], device=dev))
        with torch.no_grad():
            lp = model(x).float().log_softmax(-1)
        toks, line_of = [], []
        for li, ln in enumerate(lines):
            t = encode(labels[ln])
            if li > 0:
                toks.append(TOK['|']); line_of.append(-1)
            toks += t; line_of += [li] * len(t)
        spans = ctc_align(lp[0].cpu().numpy(), toks)
        assert len(spans) == len(toks), (len(spans), len(toks))
        for li in range(len(lines)):
            idx = [k for k, l in enumerate(line_of) if l == li]
            s = spans[idx[0]][0] * 0.02 + 0.0025
            e = (spans[idx[-1]][1] - 1) * 0.02 + 0.0225
            errs_s.append(abs(s - truth[li][0])); errs_e.append(abs(e - truth[li][1]))
    es = np.array(errs_s) * 1000; ee = np.array(errs_e) * 1000
    print('song-eval lines=%d start MAE=%.1fms median=%.1fms p90=%.1fms within100=%.3f within300=%.3f | end MAE=%.1fms median=%.1fms within300=%.3f' % (
        len(es), es.mean(), np.median(es), np.percentile(es, 90), (es < 100).mean(), (es < 300).mean(), ee.mean(), np.median(ee), (ee < 300).mean()), flush=True)


def main():
    import torch, torch.nn as nn, torch.nn.functional as F
    os.makedirs(OUT, exist_ok=True)
    torch.backends.cuda.matmul.allow_tf32 = True
    torch.backends.cudnn.allow_tf32 = True
    rng = random.Random(1234)
    t0 = time.time()
    texts, sents, words = make_texts(N_UTT, rng)
    cache = os.environ.get('SYNTH_CACHE')
    if cache and os.path.exists(cache):
        z = np.load(cache, allow_pickle=False)
        audio = z['audio']  # each z[...] access reads the whole array again: read it once
        cut = np.concatenate([[0], np.cumsum(z['lens'])])
        res = [(audio[cut[i]:cut[i + 1]], str(t)) for i, t in enumerate(z['texts'])]
    else:
        with ProcessPoolExecutor(os.cpu_count()) as ex:
            res = list(ex.map(synth, [(t, l, lang, i) for i, (t, l, lang) in enumerate(texts)], chunksize=64))
        res = [r for r in res if r is not None and len(encode(r[1])) > 0]
        if cache:
            np.savez(cache, audio=np.concatenate([a for a, _ in res]), lens=np.array([len(a) for a, _ in res]),
                     texts=np.array([t for _, t in res]))
    print(f'synth {len(res)} utts in {time.time()-t0:.1f}s, hours={sum(len(a) for a,_ in res)/SR/3600:.2f}', flush=True)

    dev = 'cuda' if torch.cuda.is_available() else 'cpu'
    if dev == 'cpu':
        torch.set_num_threads(os.cpu_count())
    # hold out 300 utterances for CER
    held = res[:300]; train = res[300:]
    lens = np.array([len(a) for a, _ in train])
    offs = np.concatenate([[0], np.cumsum(lens)])
    big = torch.from_numpy(np.concatenate([a for a, _ in train])).to(dev)
    labels = [torch.tensor(encode(t), dtype=torch.long) for _, t in train]

    # music-like background: random chords with note changes, on GPU
    def music(B, T, g):
        t = torch.arange(T, device=dev, dtype=torch.float32) / SR
        out = torch.zeros(B, T, device=dev)
        seg = int(SR * (0.25 + 0.75 * torch.rand(1, generator=g, device=dev).item()))
        nseg = T // seg + 1
        for voice in range(3):
            midi = 40 + 36 * torch.rand(B, nseg, generator=g, device=dev)
            f = 440.0 * 2 ** ((midi.floor() - 69) / 12)
            f = f.repeat_interleave(seg, dim=1)[:, :T]
            ph = 2 * math.pi * torch.cumsum(f / SR, dim=1)
            wave_ = torch.sin(ph) + 0.5 * torch.sin(2 * ph) + 0.25 * torch.sin(3 * ph)
            env = (1 - ((t % (seg / SR)) / (seg / SR))).clamp(min=0) ** 0.5
            out += wave_ * env
        # drum-ish noise bursts
        beat = (torch.rand(B, nseg, generator=g, device=dev) < 0.5).float().repeat_interleave(seg, dim=1)[:, :T]
        decay = torch.exp(-((t % (seg / SR)) * 30))
        out += beat * decay * torch.randn(B, T, generator=g, device=dev) * 0.8
        return out

    from music import excerpt, load_pool
    midi = load_pool(os.environ.get('MIDI'))  # music.py's rendered General MIDI tracks
    print(f'{len(midi)} MIDI backing tracks', flush=True)

    def midi_music(B, T):
        out = np.stack([excerpt(midi[drng.randrange(len(midi))], T, drng) for _ in range(B)]).astype(np.float32)
        return torch.from_numpy(out).to(dev)

    def augment(x, g, is_utt):
        # is_utt [B, 1] bool: synthetic utterances get the generated music, a MIDI track or noise; song crops are mixed already
        B, T = x.shape
        x = x / (x.pow(2).mean(dim=1, keepdim=True).sqrt() + 1e-5)
        if torch.rand(1, generator=g, device=dev).item() < 0.25:
            # a compressor's squashed peaks
            k = 0.5 + 1.5 * torch.rand(1, generator=g, device=dev).item()
            x = torch.tanh(x * k) / k
            x = x / (x.pow(2).mean(dim=1, keepdim=True).sqrt() + 1e-5)
        # reverb on some
        if torch.rand(1, generator=g, device=dev).item() < 0.3:
            L = int(SR * 0.3)
            ir = torch.randn(L, generator=g, device=dev) * torch.exp(-torch.arange(L, device=dev) / (SR * 0.05))
            ir[0] = 1.0
            n = 1 << (T + L).bit_length()
            x = torch.fft.irfft(torch.fft.rfft(x, n) * torch.fft.rfft(ir, n), n)[:, :T]
            x = x / (x.pow(2).mean(dim=1, keepdim=True).sqrt() + 1e-5)
        kind = torch.rand(B, 1, generator=g, device=dev)
        snr_db = 0 + 30 * torch.rand(B, 1, generator=g, device=dev)
        bg = torch.where(kind < 0.5, music(B, T, g), torch.randn(B, T, generator=g, device=dev))
        if midi:
            bg = torch.where((kind >= 0.3) & (kind < 0.6), midi_music(B, T), bg)
        bg = bg / (bg.pow(2).mean(dim=1, keepdim=True).sqrt() + 1e-5)
        scale = torch.where((kind < 0.15) | ~is_utt, torch.zeros_like(snr_db), 10 ** (-snr_db / 20))
        y = x + bg * scale
        y = y * (0.05 + torch.rand(B, 1, generator=g, device=dev))
        return y

    from model_def import TinyCtc, normalize_wave
    model = TinyCtc(len(VOCAB)).to(dev)
    measure_offsets = not os.environ.get('INIT')  # a checkpoint carries its mel offsets
    if os.environ.get('INIT'):
        # warm start from earlier weights (e.g. a checkpoint of an interrupted run)
        model.load_state_dict(torch.load(os.environ['INIT'], map_location=dev))
        print('initialized from', os.environ['INIT'], flush=True)
    elif os.environ.get('INIT_ONNX'):
        # warm start from an exported model (e.g. the shipped one); offsets it lacks are measured below
        from onnx_weights import state_dict_from_onnx
        state, missing, blocks = state_dict_from_onnx(os.environ['INIT_ONNX'], model)
        model.load_state_dict(state, strict=False)
        grown = model.grow_from(blocks)
        measure_offsets = 'front.mel_mean' in missing
        print('initialized from', os.environ['INIT_ONNX'], f'({blocks} blocks; {grown} new, starting as identity)',
              'without', [k for k in missing if not k.startswith('blocks.')], flush=True)
    nparams = sum(p.numel() for p in model.parameters())
    print(f'params {nparams/1e6:.2f}M', flush=True)
    PEAK_LR = float(os.environ.get('PEAK_LR', '2e-3'))
    opt = torch.optim.AdamW(model.parameters(), lr=PEAK_LR, weight_decay=1e-2)
    ctc = nn.CTCLoss(blank=0, zero_infinity=True)
    max_samples = 16000 * int(os.environ.get('BATCH_SECONDS', '1000'))  # samples per batch
    songs = []
    if os.environ.get('SONGS'):
        from songs import load_songs, sample_crops, mix_crop
        songs = load_songs(os.environ['SONGS'], os.environ.get('STEMS', os.path.join(os.environ['SONGS'], 'stems')))
        print(f'{len(songs)} songs, {sum(len(s.vocal) for s in songs) / SR / 3600:.2f} h', flush=True)
    utt_share = float(os.environ.get('UTT_SHARE', '1' if not songs else '0.4'))
    drng = random.Random(5)

    def epoch_batches():
        # items: ('u', utterance index) or ('c', song crop); batched by length so little of a batch is padding
        items = [('u', u) for u in range(len(train)) if drng.random() < utt_share]
        if songs:
            items += [('c', c) for c in sample_crops(songs, drng)]
        n = [int(lens[it[1]]) if it[0] == 'u' else it[1][2] - it[1][1] for it in items]
        order = np.argsort(n, kind='stable')
        out, i = [], 0
        while i < len(order):
            j = i
            while j < len(order) and (j - i + 1) * n[order[j]] <= max_samples and j - i < 256:
                j += 1
            j = max(j, i + 1)
            out.append([(items[k], n[k]) for k in order[i:j]]); i = j
        drng.shuffle(out)
        return out

    def batch_input(batch):
        blens = [n for _, n in batch]
        T = max(blens)
        x = torch.zeros(len(batch), T, device=dev)
        is_utt = torch.zeros(len(batch), 1, dtype=torch.bool, device=dev)
        tg = []
        for k, ((kind, it), n) in enumerate(batch):
            if kind == 'u':
                x[k, :n] = big[offs[it]:offs[it + 1]].float()
                is_utt[k] = True
                tg.append(labels[it])
            else:
                x[k, :n] = torch.from_numpy(mix_crop(songs, it, drng, midi)).to(dev)
                tg.append(torch.tensor(encode(it[3]), dtype=torch.long))
        x = augment(x, g, is_utt)
        # zero the padding again after augmentation
        blens = torch.tensor(blens, device=dev)
        x = x * (torch.arange(T, device=dev)[None, :] < blens[:, None])
        return normalize_wave(x, blens), blens, tg

    g = torch.Generator(device=dev); g.manual_seed(0)
    if measure_offsets:
        with torch.no_grad():
            model.front.calibrate(batch_input(b)[0] for b in epoch_batches()[:40])
        print('mel offsets calibrated: mean %.3f, range %.3f..%.3f' % (
            model.front.mel_mean.mean().item(), model.front.mel_mean.min().item(), model.front.mel_mean.max().item()), flush=True)
    step = 0; skipped = 0; t_start = time.time()
    model.train()
    done = False
    warm = int(os.environ.get('WARMUP_STEPS', '300'))
    last_ckpt = time.time()
    while not done:
        for batch in epoch_batches():
            el = time.time() - t_start
            if el > TRAIN_SECONDS:
                done = True; break
            frac = el / TRAIN_SECONDS
            lr = PEAK_LR * min(1.0, (step + 1) / warm) * (0.5 * (1 + math.cos(math.pi * frac)) * 0.97 + 0.03)
            for pg in opt.param_groups: pg['lr'] = lr
            x, blens, tg = batch_input(batch)
            if dev == 'cuda':
                with torch.autocast('cuda', dtype=torch.bfloat16):
                    logits = model(x)
            else:
                logits = model(x)
            lp = logits.float().log_softmax(-1).transpose(0, 1)
            in_lens = ((blens - WIN) // HOP + 1).clamp(max=lp.shape[0])
            tl = torch.tensor([len(t) for t in tg], device=dev)
            loss = ctc(lp, torch.cat(tg).to(dev), in_lens, tl)
            opt.zero_grad(set_to_none=True)
            if not torch.isfinite(loss):
                skipped += 1; step += 1
                print(f'skip step {step - 1}: loss {loss.item()} batch {x.shape[0]}x{x.shape[1]}', flush=True)
                continue
            loss.backward()
            gn = torch.nn.utils.clip_grad_norm_(model.parameters(), 1.0)
            if not torch.isfinite(gn):
                skipped += 1; step += 1
                print(f'skip step {step - 1}: grad norm {gn.item()} loss {loss.item():.3f} batch {x.shape[0]}x{x.shape[1]}', flush=True)
                continue
            opt.step()
            if time.time() - last_ckpt > 600:
                torch.save(model.state_dict(), os.path.join(OUT, 'tiny_ctc.pt')); last_ckpt = time.time()
            if step % int(os.environ.get('LOG_EVERY', '200')) == 0:
                print(f'step {step} t={el:.0f}s lr={lr:.2e} loss={loss.item():.3f} skipped={skipped}', flush=True)
            step += 1
    model.eval()
    torch.save(model.state_dict(), os.path.join(OUT, 'tiny_ctc.pt'))
    import copy
    from model_def import export_onnx
    export_onnx(copy.deepcopy(model).cpu().float(), OUT, VOCAB)
    print('exported', flush=True)

    # held-out CER (clean and with music at 10 dB)
    def greedy(ids):
        out = []; prev = -1
        for t in ids:
            if t != prev and t != 0: out.append(VOCAB[t])
            prev = t
        return ''.join(out)
    def ed(a, b):
        d = list(range(len(b) + 1))
        for i, ca in enumerate(a, 1):
            p, d[0] = d[0], i
            for j, cb in enumerate(b, 1):
                p, d[j] = d[j], min(d[j] + 1, d[j - 1] + 1, p + (ca != cb))
        return d[-1]
    for cond in ['clean', 'music10']:
        errs = 0; tot = 0
        g2 = torch.Generator(device=dev); g2.manual_seed(99)
        for a, t in held:
            x = torch.from_numpy(a.astype(np.float32)).to(dev)[None]
            x = x / (x.pow(2).mean().sqrt() + 1e-5)
            if cond == 'music10':
                bg = music(1, x.shape[1], g2); bg = bg / (bg.pow(2).mean().sqrt() + 1e-5)
                x = x + bg * 10 ** (-10 / 20)
            x = normalize_wave(x, torch.tensor([x.shape[1]], device=dev))
            with torch.no_grad():
                ids = model(x)[0].argmax(-1).tolist()
            hyp = greedy(ids); ref = t
            errs += ed(hyp, ref); tot += len(ref)
        print(f'CER {cond}: {errs/tot:.4f}', flush=True)

    song_eval(model, sents, music, dev)


if __name__ == '__main__':
    main()
