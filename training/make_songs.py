#!/usr/bin/env python3
"""make_songs.py - synthesize benchmark "songs" with known lyric timings.

Each song is: an intro (silence or instrumental), N lyric lines separated by
gaps, and an outro, with a synthetic backing track mixed under the vocal at a
chosen SNR.  Lines are either "sung" (every word synthesized on its own, with
its own speed/pitch/stretch, then concatenated: word timings are exact) or
"spoken" (the whole line synthesized at once: only line timings are exact).

Ground truth (see README.md): onset = first sample with |x| > 50 (int16
scale) of that word's/line's own synthesized vocal before mixing, offset =
last such sample; seconds from the first sample of the audio file.

Only the Python standard library is used, plus the binaries espeak-ng, sox,
ffmpeg/ffprobe and (optionally) flite and festival's text2wave.

Foreman's copy of shared/bench/make_songs.py (which made the public bench songs), grown for training: Festival
voices (festival:NAME, e.g. festival:ked_diphone), so a whole synthesizer family can be held out of training and
measured on.  Output is deterministic for a given
--seed and set of arguments (sox -R, ffmpeg bitexact, seeded RNGs).

Example:
  python3 make_songs.py --out songs --count 16 --seed 1 \
      --voices en-us+Andy,flite:slt --text corpus.txt --text-tail 2000
"""

import argparse
import array
import json
import math
import multiprocessing
import os
import random
import re
import shutil
import subprocess
import sys
import tempfile
import time
import wave

SR = 16000            # synthesis / truth sample rate
THRESH = 50           # |int16| above this counts as "sounding"
PAD_S = 0.020         # low-level (<= THRESH) edge kept around each word/line
VERSION = 1

WORD_RE = re.compile(r"^[A-Za-z]+(?:'[A-Za-z]+)*$")
# --language other than en: words of any letters (é, ñ, ß...), and that language's one-letter words
LETTER_WORD_RE = re.compile(r"^[^\W\d_]+(?:'[^\W\d_]+)*$")
ONE_LETTER_WORDS = {"en": "aAIO", "fr": "aàyAÀY", "es": "aeouyAEOUY", "de": ""}
LANGUAGE = "en"
EDGE_PUNCT = "\"'()[]{},;:.!?\u201c\u201d\u2018\u2019\u2013\u2014\u2026`*_-"
BAD_CHARS_RE = re.compile(r"[0-9_/\\<>=*#@&|~^$%\[\]{}+`]")
PROFANITY = {"fuck", "fucking", "shit", "cunt", "bitch", "bastard", "whore",
             "slut", "rape", "nigger", "fag", "faggot", "penis", "vagina",
             "dick", "cock", "pussy", "tits", "asshole"}

FLITE_F0 = {"slt": 170.0, "awb": 110.0, "rms": 105.0, "kal": 105.0,
            "kal16": 105.0}
FESTIVAL_VOICES = "/usr/share/festival/voices"

# sung pace: espeak-ng speed range (wpm), rough seconds per word, sox tempo range
PACES = {
    "fast":   (150, 220, 0.45, (0.85, 1.0)),
    "normal": (110, 190, 0.65, (0.7, 0.95)),
    "slow":   (80, 150, 0.95, (0.5, 0.8)),
}

FORMATS = {
    # key: (extension, sample rate, channels, kind)
    "wav":     ("wav", 16000, 1, "wav"),
    "wav44s":  ("wav", 44100, 2, "wav"),
    "flac":    ("flac", 16000, 1, "flac"),
    "flac44s": ("flac", 44100, 2, "flac"),
    "mp3":     ("mp3", 16000, 1, "mp3"),
    "mp3s":    ("mp3", 44100, 2, "mp3"),
    "ogg":     ("ogg", 16000, 1, "ogg"),
    "ogg44s":  ("ogg", 44100, 2, "ogg"),
}
MP3_BITRATE = {1: "48k", 2: "96k"}
OGG_QUALITY = {1: "2", 2: "1"}


# --------------------------------------------------------------------------
# small utilities

def run(cmd):
    p = subprocess.run(cmd, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    if p.returncode != 0:
        raise RuntimeError("command failed (%d): %s\n%s" % (
            p.returncode, " ".join(cmd), p.stderr.decode("utf-8", "replace")))
    return p.stdout


def read_wav(path):
    """Return (array('h') of the first channel, sample_rate)."""
    with wave.open(path, "rb") as w:
        ch, sw, sr, n = (w.getnchannels(), w.getsampwidth(),
                         w.getframerate(), w.getnframes())
        raw = w.readframes(n)
    if sw != 2:
        raise RuntimeError("%s: expected 16-bit PCM" % path)
    a = array.array("h")
    a.frombytes(raw)
    if sys.byteorder == "big":
        a.byteswap()
    if ch > 1:
        a = a[0::ch]
    return a, sr


def write_wav(path, samples, sr=SR, channels=1):
    a = samples if isinstance(samples, array.array) else array.array("h", samples)
    if sys.byteorder == "big":
        a = array.array("h", a)
        a.byteswap()
    with wave.open(path, "wb") as w:
        w.setnchannels(channels)
        w.setsampwidth(2)
        w.setframerate(sr)
        w.writeframes(a.tobytes())


def active_bounds(a, lo=0, hi=None):
    """First and last index in a[lo:hi] whose |value| > THRESH, or None."""
    hi = len(a) if hi is None else hi
    i = lo
    while i < hi and -THRESH <= a[i] <= THRESH:
        i += 1
    if i >= hi:
        return None
    j = hi - 1
    while -THRESH <= a[j] <= THRESH:
        j -= 1
    return i, j


def scale_to_peak(a, target):
    peak = max(max(a), -min(a)) if len(a) else 0
    if peak == 0:
        return array.array("h", a)
    g = target / float(peak)
    return array.array("h", [max(-32767, min(32767, int(round(x * g)))) for x in a])


def midi_hz(m):
    return 440.0 * 2.0 ** ((m - 69) / 12.0)


def rsec(x):
    """Seconds with 5 decimals: round(t * 16000) gives back the sample index."""
    return round(x + 0.0, 5)


# --------------------------------------------------------------------------
# text

def strip_edges(tok):
    return tok.strip(EDGE_PUNCT)


def sentence_words(segment):
    """Words of one candidate lyric line, or None if it is not usable."""
    if BAD_CHARS_RE.search(segment):
        return None
    words = []
    for raw in segment.split():
        t = strip_edges(raw.replace("\u2019", "'"))
        if not t:
            continue
        if not (WORD_RE if LANGUAGE == "en" else LETTER_WORD_RE).match(t):
            return None
        if len(t) > 1 and t.isupper():          # acronyms are spelled out
            return None
        if len(t) > 15 or t.lower() in PROFANITY:
            return None
        if len(t) == 1 and t not in ONE_LETTER_WORDS[LANGUAGE]:   # initials, variables
            return None
        words.append(t)
    return words


def extract_candidates(text, fmt, min_words=3, max_words=10):
    out = []

    def consider(seg):
        w = sentence_words(seg)
        if w and min_words <= len(w) <= max_words:
            out.append(w)

    if fmt == "lines":
        for line in text.splitlines():
            consider(line)
        return out
    if fmt == "fortune":
        entries = re.split(r"^%\s*$", text, flags=re.M)
    else:  # prose: paragraphs
        entries = re.split(r"\n\s*\n", text)
    for e in entries:
        kept = []
        for line in e.splitlines():
            if re.match(r"^\s*(--|\u2014)", line):
                break                                   # attribution
            kept.append(line.strip())
        body = " ".join(kept)
        body = re.sub(r"\s+", " ", body).strip()
        if not body:
            continue
        for sent in re.split(r"(?<=[.!?;:])\s+", body):
            w = sentence_words(sent)
            if w is not None and len(w) > max_words:
                for piece in re.split(r"(?<=,)\s+", sent):
                    consider(piece)
            else:
                consider(sent)
    return out


def norm_key(words):
    return " ".join(w.lower() for w in words)


def in_dictionary(words, dictionary):
    for w in words:
        lo = w.lower()
        if lo in dictionary or w in dictionary:
            continue
        if lo.endswith("'s") and lo[:-2] in dictionary:
            continue
        return False
    return True


def load_text_pool(paths, fmt, tail, exclude_paths, dictionary_path=None):
    pool, seen = [], set()
    dictionary = None
    if dictionary_path:
        with open(dictionary_path, encoding="utf-8", errors="replace") as f:
            dictionary = {line.strip() for line in f if line.strip()}
    excluded = set()
    for p in exclude_paths:
        with open(p, encoding="utf-8", errors="replace") as f:
            for line in f:
                excluded.add(" ".join(strip_edges(t).lower()
                                      for t in line.split() if strip_edges(t)))
    for p in paths:
        with open(p, encoding="utf-8", errors="replace") as f:
            text = f.read()
        if tail:
            text = "\n".join(text.splitlines()[-tail:])
        this_fmt = fmt
        if fmt == "auto":
            this_fmt = "fortune" if re.search(r"^%\s*$", text, flags=re.M) else "lines"
        for w in extract_candidates(text, this_fmt):
            k = norm_key(w)
            if k in seen or k in excluded:
                continue
            if dictionary is not None and not in_dictionary(w, dictionary):
                continue
            seen.add(k)
            pool.append(w)
    return pool


def cap_first(t):
    return t[:1].upper() + t[1:]


def fix_i(t):
    if LANGUAGE != "en":
        return t
    lo = t.lower()
    if lo == "i" or lo.startswith("i'"):
        return "I" + t[1:]
    return t


def render_line(words, level, rng, curly):
    """Lyric-file text for one sung line (words are the sung tokens)."""
    toks = list(words)
    if level >= 1:
        toks = [fix_i(t) for t in toks]
        toks[0] = cap_first(toks[0])
    if level >= 2:
        r = rng.random()
        if r < 0.08:
            toks = [t.upper() for t in toks]
        elif r < 0.16:
            toks = [cap_first(t) for t in toks]
        elif r < 0.22:
            toks[0] = toks[0].lower()
    if curly == "all":
        toks = [t.replace("'", "\u2019") for t in toks]
    elif curly == "mixed":
        toks = [t.replace("'", "\u2019") if rng.random() < 0.5 else t for t in toks]
    if level >= 2 and len(toks) > 3 and rng.random() < 0.3:
        k = rng.randrange(1, len(toks) - 1)
        toks[k] += ","
    if level >= 1:
        end = rng.choices(["", ",", ".", "!", "?", "..."],
                          [0.4, 0.25, 0.1, 0.1, 0.1, 0.05])[0]
        toks[-1] += end
    if level >= 2 and len(toks) >= 3 and rng.random() < 0.12:
        i = rng.randrange(0, len(toks) - 1)
        j = rng.randrange(i + 1, len(toks))
        oq, cq = rng.choice([('"', '"'), ("\u201c", "\u201d")])
        toks[i] = oq + toks[i]
        toks[j] = toks[j] + cq
    if level >= 2 and len(toks) >= 4 and rng.random() < 0.05:
        k = rng.randrange(1, len(toks) - 1)
        toks.insert(k, "\u2014")
    sep = " "
    text = sep.join(toks)
    if level >= 2 and rng.random() < 0.1:
        k = text.find(" ", rng.randrange(0, max(1, len(text) - 1)))
        if k > 0:
            text = text[:k] + " " + text[k:]
    if level >= 2 and rng.random() < 0.1:
        text += " "
    return text


def text_tokens(line):
    """Sung tokens of a lyric-file line, as a reader should derive them."""
    return [t for t in (strip_edges(x) for x in line.split()) if t]


def norm_word(t):
    return t.replace("\u2019", "'").lower()


# --------------------------------------------------------------------------
# voices

def espeak_voice_table():
    out = run(["espeak-ng", "--voices"]).decode("utf-8", "replace")
    table = {}
    for line in out.splitlines()[1:]:
        parts = line.split()
        if len(parts) >= 5 and parts[1] not in table:
            table[parts[1]] = parts[4]
    return table


def probe_md5(voice_arg, tmp):
    import hashlib
    p = os.path.join(tmp, "probe.wav")
    run(["espeak-ng", "-z", "-v", voice_arg, "-w", p, "the quick brown fox"])
    with open(p, "rb") as f:
        return hashlib.md5(f.read()).hexdigest()


def resolve_voices(specs, tmp):
    """Map each requested voice to (engine, argument actually passed).

    espeak-ng 1.51 silently ignores a '+variant' on some language names
    (e.g. 'en-gb+grandma' sounds exactly like 'en-gb'); such a voice is
    retried through its voice file path ('gmw/en+grandma')."""
    out = []
    table = None
    flite_voices = None
    for spec in specs:
        spec = spec.strip()
        if not spec:
            continue
        if spec.startswith("festival:"):
            name = spec.split(":", 1)[1]
            found = [d for d in (os.listdir(FESTIVAL_VOICES) if os.path.isdir(FESTIVAL_VOICES) else [])
                     if os.path.isdir(os.path.join(FESTIVAL_VOICES, d, name))]
            if shutil.which("text2wave") is None or not found:
                print("warning: festival voice %r unavailable, skipped" % name,
                      file=sys.stderr)
                continue
            out.append({"voice": spec, "engine": "festival", "arg": name})
            continue
        if spec.startswith("flite:"):
            name = spec.split(":", 1)[1]
            if flite_voices is None:
                if shutil.which("flite") is None:
                    flite_voices = []
                else:
                    txt = run(["flite", "-lv"]).decode()
                    flite_voices = txt.split(":", 1)[1].split()
            if name not in flite_voices:
                print("warning: flite voice %r unavailable, skipped" % name,
                      file=sys.stderr)
                continue
            out.append({"voice": spec, "engine": "flite", "arg": name})
            continue
        name = spec.split(":", 1)[1] if spec.startswith("espeak") else spec
        try:
            md5v = probe_md5(name, tmp)
        except RuntimeError:
            print("warning: espeak-ng voice %r unavailable, skipped" % name,
                  file=sys.stderr)
            continue
        arg = name
        if "+" in name:
            base, variant = name.split("+", 1)
            if probe_md5(base, tmp) == md5v:
                table = table or espeak_voice_table()
                alt = table.get(base)
                if alt and probe_md5(alt, tmp) != probe_md5(alt + "+" + variant, tmp):
                    arg = alt + "+" + variant
                    print("note: espeak-ng ignores the variant in %r; using %r"
                          % (name, arg), file=sys.stderr)
                else:
                    print("warning: variant of %r has no effect" % name,
                          file=sys.stderr)
        out.append({"voice": "espeak-ng:" + name, "engine": "espeak-ng", "arg": arg})
    return out


def tts(voice, text, speed, pitch, out_path):
    if voice["engine"] == "espeak-ng":
        run(["espeak-ng", "-z", "-v", voice["arg"], "-s", str(int(speed)),
             "-p", str(int(pitch)), "-w", out_path, text])
    elif voice["engine"] == "festival":
        # Festival's voices take a duration stretch but no portable pitch target: the caller's sox pitch shift
        # (sung lines) gives the melody, and the pitch here shifts the whole utterance like espeak-ng's -p would.
        text_path = out_path + ".txt"
        with open(text_path, "w", encoding="utf-8") as f:
            f.write(text + "\n")
        raw = out_path + ".raw.wav"
        run(["text2wave", "-eval", "(voice_%s)" % voice["arg"],
             "-eval", "(Parameter.set 'Duration_Stretch %.3f)" % (175.0 / speed),
             "-o", raw, text_path])
        run(["sox", "-R", "-D", "-V1", raw, out_path, "pitch", "%.0f" % ((pitch - 50) * 6)])
        os.remove(raw)
        os.remove(text_path)
    else:
        f0 = FLITE_F0.get(voice["arg"], 120.0) * 2.0 ** ((pitch - 50) / 100.0)
        run(["flite", "-voice", voice["arg"],
             "--setf", "duration_stretch=%.3f" % (175.0 / speed),
             "--setf", "int_f0_target_mean=%.1f" % f0,
             "-t", text, "-o", out_path])


def process(src, dst, tempo=1.0, cents=0.0):
    cmd = ["sox", "-R", "-D", "-V1", src, "-r", str(SR), "-c", "1", "-b", "16", dst]
    if abs(tempo - 1.0) > 0.01:
        cmd += ["tempo", "-s", "%.3f" % tempo]
    if abs(cents) >= 5:
        cmd += ["pitch", "%.0f" % cents]
    run(cmd)
    a, sr = read_wav(dst)
    assert sr == SR
    return a


def synth_text(voice, text):
    """Text handed to the synthesizer: lower case (no spelled acronyms)."""
    return " ".join(fix_i(w.lower()) for w in text.split())


class Seg:
    """A synthesized vocal piece: buf (int16), active span [on, off]."""

    def __init__(self, buf, on, off):
        self.buf, self.on, self.off = buf, on, off


def trimmed_segment(a):
    b = active_bounds(a)
    if b is None:
        return None
    on, off = b
    pad = int(PAD_S * SR)
    s, e = max(0, on - pad), min(len(a), off + 1 + pad)
    return Seg(a[s:e], on - s, off - s)


class LineAudio:
    def __init__(self, buf, on, off, words):
        self.buf, self.on, self.off = buf, on, off
        self.words = words    # list of (on, off) relative to buf, or None


def synth_sung_line(voice, words, P, rng, tmp, peak):
    """Each word synthesized separately; returns LineAudio with word spans."""
    segs = []
    n = len(words)
    base_p = rng.uniform(25, 75)
    degree = rng.randrange(0, 5)
    scale = [0, 2, 4, 7, 9, 12, 14, 16]
    for k, w in enumerate(words):
        seg = None
        for attempt in range(3):
            speed = rng.uniform(*P["sung_speed"]) if attempt == 0 else 160
            pitch = max(10, min(90, base_p + rng.uniform(-15, 15))) if attempt == 0 else 50
            tempo = rng.uniform(*P["pace"])
            if k == n - 1:
                tempo *= rng.uniform(0.6, 0.85)      # hold the line's last word
            tempo = max(0.4, min(1.0, tempo))
            degree = max(0, min(len(scale) - 1, degree + rng.choice([-1, 0, 1, 1, -2, 2])))
            cents = (scale[degree] - 6) * 100 + rng.uniform(-20, 20) if rng.random() < 0.85 else 0
            raw = os.path.join(tmp, "w.wav")
            out = os.path.join(tmp, "w16.wav")
            tts(voice, synth_text(voice, w), speed, pitch, raw)
            a = process(raw, out, tempo, cents)
            a = scale_to_peak(a, peak * 10 ** (rng.uniform(-2.5, 1.0) / 20))
            seg = trimmed_segment(a)
            if seg is not None:
                break
        if seg is None:
            raise RuntimeError("word %r produced no sound" % w)
        segs.append(seg)
    # place words one after another; pads are cut so that pieces never overlap
    buf = array.array("h")
    spans = []
    prev_end_active = None
    for seg in segs:
        if prev_end_active is None:
            buf.extend(seg.buf)
            spans.append((seg.on, seg.off))
            prev_end_active = seg.off
            continue
        gap = int(rng.uniform(0, P["word_gap_max"]) * SR) + 1   # samples between spans
        onset = prev_end_active + gap
        free = gap - 1                                  # silent samples between
        keep_post = min(len(buf) - 1 - prev_end_active, free // 2)
        keep_pre = min(seg.on, free - keep_post)
        del buf[prev_end_active + 1 + keep_post:]
        buf.extend(array.array("h", bytes(2 * (onset - keep_pre - len(buf)))))
        buf.extend(seg.buf[seg.on - keep_pre:])
        off = onset + (seg.off - seg.on)
        spans.append((onset, off))
        prev_end_active = off
    chk = active_bounds(buf)
    assert chk == (spans[0][0], spans[-1][1]), (chk, spans[0], spans[-1])
    return LineAudio(buf, spans[0][0], spans[-1][1], spans)


def synth_spoken_line(voice, words, P, rng, tmp, peak):
    for attempt in range(3):
        speed = rng.uniform(*P["spoken_speed"]) if attempt == 0 else 170
        pitch = rng.uniform(30, 70) if attempt == 0 else 50
        raw = os.path.join(tmp, "l.wav")
        out = os.path.join(tmp, "l16.wav")
        tts(voice, synth_text(voice, " ".join(words)), speed, pitch, raw)
        cents = rng.uniform(-150, 150) if rng.random() < 0.5 else 0
        a = process(raw, out, 1.0, cents)
        a = scale_to_peak(a, peak * 10 ** (rng.uniform(-1.5, 1.0) / 20))
        seg = trimmed_segment(a)
        if seg is not None:
            return LineAudio(seg.buf, seg.on, seg.off, None)
    raise RuntimeError("line %r produced no sound" % " ".join(words))


# --------------------------------------------------------------------------
# backing track

def sox_layer(tmp, name, args, n):
    path = os.path.join(tmp, name + ".wav")
    run(["sox", "-R", "-D", "-V1"] + args[0] + ["-r", str(SR), "-c", "1", "-b", "16", path]
        + args[1])
    a, sr = read_wav(path)
    a = array.array("d", a[:n])
    if len(a) < n:
        a.extend([0.0] * (n - len(a)))
    return a


def rms(a):
    if not len(a):
        return 0.0
    return math.sqrt(sum(x * x for x in a) / len(a))


def drum_kit(rng):
    kick = []
    ph = 0.0
    for i in range(int(0.18 * SR)):
        t = i / SR
        ph += 2 * math.pi * (45 + 95 * math.exp(-t / 0.03)) / SR
        kick.append(math.sin(ph) * math.exp(-t / 0.07))
    snare, lp = [], 0.0
    for i in range(int(0.16 * SR)):
        t = i / SR
        nz = rng.uniform(-1, 1)
        lp = 0.6 * lp + 0.4 * nz
        snare.append((nz - lp) * 0.9 * math.exp(-t / 0.045)
                     + 0.5 * math.sin(2 * math.pi * 185 * t) * math.exp(-t / 0.03))
    hat = cymbal(rng, 0.05, 0.5, 0.012)
    ohat = cymbal(rng, 0.2, 0.4, 0.06)
    return {"kick": kick, "snare": snare, "hat": hat, "ohat": ohat}


def cymbal(rng, seconds, gain, decay):
    """A hi-hat: differentiated noise with an exponential decay."""
    out, prev = [], 0.0
    for i in range(int(seconds * SR)):
        t = i / SR
        nz = rng.uniform(-1, 1)
        out.append((nz - prev) * gain * math.exp(-t / decay))
        prev = nz
    return out


def drum_bar(kit, pattern, beat_n, n):
    bar = array.array("d", bytes(8 * n))
    for name, beats, gain in pattern:
        snd = kit[name]
        for b in beats:
            s = int(round(b * beat_n))
            for i, x in enumerate(snd[:max(0, n - s)]):
                bar[s + i] += gain * x
    return bar


def make_backing(rng, total_n, bar_kind_at, tmp):
    """Backing track as array('d'); bar_kind_at(t_seconds) -> 'A' | 'B' | 'L'."""
    bpm = rng.uniform(76, 138)
    beat_n = int(round(60.0 / bpm * SR / 4.0)) * 4
    bpm = 60.0 * SR / beat_n
    bar_n = 4 * beat_n
    bar_s, beat_s = bar_n / SR, beat_n / SR
    minor = rng.random() < 0.4
    scale = [0, 2, 3, 5, 7, 8, 10] if minor else [0, 2, 4, 5, 7, 9, 11]
    progs = ([[0, 5, 2, 6], [0, 3, 4, 0], [0, 6, 5, 6], [0, 3, 6, 2]] if minor else
             [[0, 4, 5, 3], [5, 3, 0, 4], [0, 5, 3, 4], [0, 3, 4, 3]])
    prog = rng.choice(progs)
    root = rng.randrange(45, 57)
    pad_wave = rng.choice(["sine", "triangle", "square"])
    arp_pat_a = rng.choice([[0, 1, 2, 1], [0, 2, 1, 2], [2, 1, 0, 1], [0, 1, 2, 3]])
    arp_pat_b = rng.choice([[0, 1, 2, 3, 2, 1, 0, 2], [0, 2, 3, 2, 1, 2, 3, 4],
                            [3, 2, 1, 0, 1, 2, 3, 2]])
    g = {"pad": 10 ** (rng.uniform(-14, -8) / 20),
         "arp": 10 ** (rng.uniform(-6, 0) / 20),
         "bass": 10 ** (rng.uniform(-8, -2) / 20),
         "drums": 10 ** (rng.uniform(-6, 0) / 20)}
    if pad_wave == "square":
        g["pad"] *= 0.5
    kit = drum_kit(rng)
    pat_a = [("kick", [0, 2], 1.0), ("snare", [1, 3], 0.8),
             ("hat", [i * 0.5 for i in range(8)], 0.5)]
    pat_b = [("kick", [0, 1.5, 2, 3.5], 1.0), ("snare", [1, 3], 0.9),
             ("hat", [i * 0.25 for i in range(16)], 0.35), ("ohat", [3.5], 0.4)]
    bars = {}
    layers = {"pad": [], "arp": [], "bass": [], "drums": []}
    raw = {}
    for ci, deg in enumerate(prog):
        triad = [scale[(deg + j) % 7] + 12 * ((deg + j) // 7) for j in (0, 2, 4)]
        chord = [root + 12 + t for t in triad]                 # pad octave
        tones = [root + 24 + t for t in triad] + [root + 36 + triad[0]]
        pad = sox_layer(tmp, "pad%d" % ci, (
            ["-r", str(SR), "-c", "3", "-n"],
            ["synth", "%.4f" % bar_s] + sum([[pad_wave, "%.2f" % midi_hz(m)] for m in chord], [])
            + ["remix", "-", "fade", "q", "0.05", "%.4f" % bar_s, "0.05"]), bar_n)
        arps = {}
        for key, pat in (("A", arp_pat_a), ("B", arp_pat_b)):
            step = bar_s / len(pat)
            notes = [tones[p % len(tones)] for p in pat]
            arps[key] = sox_layer(tmp, "arp%d%s" % (ci, key), (
                ["-r", "44100", "-c", str(len(notes)), "-n"],
                ["synth", "%.4f" % (bar_s * 0.9)]
                + sum([["pluck", "%.2f" % midi_hz(m)] for m in notes], [])
                + ["delay"] + ["%.4f" % (i * step) for i in range(len(notes))]
                + ["remix", "-", "fade", "0", "%.4f" % bar_s, "0.01"]), bar_n)
        bass_notes = [root - 12 + triad[0]] * 2 + [root - 12 + triad[2], root - 12 + triad[0]]
        bass = sox_layer(tmp, "bass%d" % ci, (
            ["-r", str(SR), "-c", "4", "-n"],
            ["synth", "%.4f" % (beat_s * 0.85)]
            + sum([["square", "%.2f" % midi_hz(m)] for m in bass_notes], [])
            + ["fade", "0", "%.4f" % (beat_s * 0.85), "0.04", "delay"]
            + ["%.4f" % (i * beat_s) for i in range(4)]
            + ["remix", "-", "lowpass", "350"]), bar_n)
        raw[ci] = (pad, arps, bass)
        layers["pad"].append(pad)
        layers["arp"].extend(arps.values())
        layers["bass"].append(bass)
    drums = {"A": drum_bar(kit, pat_a, beat_n, bar_n),
             "B": drum_bar(kit, pat_b, beat_n, bar_n)}
    layers["drums"] = list(drums.values())
    norm = {k: 1.0 / max(1e-9, rms(array.array("d", b"".join(x.tobytes() for x in v))))
            for k, v in layers.items()}
    for ci in raw:
        pad, arps, bass = raw[ci]
        for kind in ("A", "B", "L"):
            arp = arps["B" if kind == "B" else "A"]
            dr = drums.get(kind)
            gp, ga = g["pad"] * norm["pad"], g["arp"] * norm["arp"]
            gb, gd = g["bass"] * norm["bass"], g["drums"] * norm["drums"]
            if kind == "L":
                ga, gb = ga * 0.6, gb * 0.3
            if kind == "B":
                gp *= 1.3
            bar = array.array("d", [gp * p + ga * a + gb * b for p, a, b in zip(pad, arp, bass)])
            if dr is not None:
                for i in range(bar_n):
                    bar[i] += gd * dr[i]
            bars[(ci, kind)] = bar
    out = array.array("d", bytes(8 * total_n))
    k = 0
    while k * bar_n < total_n:
        s = k * bar_n
        e = min(total_n, s + bar_n)
        bar = bars[(k % len(prog), bar_kind_at(s / SR))]
        out[s:e] = bar[:e - s]
        k += 1
    info = {"bpm": round(bpm, 2), "key_midi": root, "mode": "minor" if minor else "major",
            "progression": prog, "pad_wave": pad_wave}
    return out, info


# --------------------------------------------------------------------------
# song planning (main process, deterministic)

def plan_structure(n, chorus, rng):
    """List of sections (kind, name, n_lines); chorus sections repeat."""
    if chorus and n >= 6:
        c = rng.choice([c for c in (2, 3, 4) if 2 * c + 2 <= n])
        k = 3 if n - 3 * c >= 3 and rng.random() < 0.6 else 2
        v = n - c * k
        parts = [1] * k
        for _ in range(v - k):
            parts[rng.randrange(k)] += 1
        secs = []
        bridge = k == 3 and parts[2] >= 2 and rng.random() < 0.5
        for j in range(k):
            if j == 2 and bridge:
                secs.append(("verse", "Bridge", parts[j]))
            else:
                secs.append(("verse", "Verse %d" % (j + 1), parts[j]))
            secs.append(("chorus", "Chorus", c))
        return secs, c
    m = max(1, min(4, n // 2, rng.choice([2, 2, 3, 4])))
    parts = [1] * m
    for _ in range(n - m):
        parts[rng.randrange(m)] += 1
    return [("verse", "Verse %d" % (j + 1), parts[j]) for j in range(m)], 0


def expand_counts(spec, count):
    items = []
    for part in spec.split(","):
        part = part.strip()
        if not part:
            continue
        k, _, w = part.partition(":")
        if k not in FORMATS:
            raise SystemExit("unknown format %r (known: %s)" % (k, ", ".join(FORMATS)))
        items.append((k, float(w or 1)))
    tot = sum(w for _, w in items)
    exact = [(k, count * w / tot) for k, w in items]
    counts = {k: max(1 if count >= len(items) else 0, int(x)) for k, x in exact}
    order = sorted(exact, key=lambda kv: -(kv[1] - int(kv[1])))
    i = 0
    while sum(counts.values()) < count:
        counts[order[i % len(order)][0]] += 1
        i += 1
    while sum(counts.values()) > count:
        k = max(counts, key=lambda x: counts[x])
        counts[k] -= 1
    out = []
    for k, _ in items:
        out += [k] * counts[k]
    return out


def parse_snr(tok):
    tok = tok.strip().lower()
    return None if tok in ("none", "clean", "inf", "") else float(tok)


def make_plans(args, voices, pool):
    rng = random.Random("%s:plan" % args.seed)
    snrs = [parse_snr(t) for t in args.snr_list.split(",")]
    fracs = [float(x) for x in args.sung_fractions.split(",")]
    vorder = list(voices)
    rng.shuffle(vorder)
    sorder = list(snrs)
    rng.shuffle(sorder)
    forder = list(fracs)
    rng.shuffle(forder)
    text_rng = random.Random("%s:text" % args.seed)
    pool = list(pool)
    text_rng.shuffle(pool)
    cursor = 0
    plans = []
    fmts = expand_counts(args.formats, args.count)
    rate = {k: v[1] * v[2] for k, v in FORMATS.items()}
    wavs = sorted((f for f in fmts if FORMATS[f][3] == "wav"), key=lambda f: -rate[f])
    flacs = sorted((f for f in fmts if FORMATS[f][3] == "flac"), key=lambda f: -rate[f])
    rest = [f for f in fmts if FORMATS[f][3] not in ("wav", "flac")]
    idx = list(range(args.count))
    rng.shuffle(idx)
    wav_idx = set(idx[:len(wavs)])          # these songs are planned short
    for i in range(args.count):
        dmax = args.max_duration
        if i in wav_idx:
            dmax = min(dmax, args.wav_max_seconds)
        dmin = min(args.min_duration, dmax)
        snr = sorder[i % len(sorder)]
        frac = forder[i % len(forder)]
        n = rng.randint(args.min_lines, args.max_lines)
        if rng.random() < args.long_intro_prob:
            intro = rng.uniform(*args.long_intro_range)
            intro_kind = "instrumental"
        else:
            intro = rng.uniform(args.intro_min, args.intro_max)
            intro_kind = "instrumental" if rng.random() < args.instrumental_intro_prob else "silence"
        if snr is None:
            intro_kind = "silence"
        gap_avg = (args.gap_min + args.gap_max) / 2
        order = ["fast", "normal", "slow"]
        pi = rng.choices([0, 1, 2], [0.3, 0.5, 0.2])[0]
        for _ in range(100):
            line_est = frac * 6.5 * (PACES[order[pi]][2] + 0.1) + (1 - frac) * 2.2
            est = intro + n * line_est + (n - 1) * gap_avg + 4.0
            if est > dmax:
                if pi > 0:
                    pi -= 1
                elif n > args.min_lines:
                    n -= 1
                elif intro > args.intro_min:
                    intro = max(args.intro_min, intro - 1.0)
                else:
                    break
            elif est < dmin:
                if pi < 2:
                    pi += 1
                elif n < args.max_lines:
                    n += 1
                else:
                    break
            else:
                break
        pace = order[pi]
        T = max(dmin, min(dmax, est * rng.uniform(0.9, 1.1)))
        if args.plan_by == "duration":
            # target duration uniform in range; line count and pace follow
            T = rng.uniform(dmin, dmax)
            for _ in range(3):
                line_est = frac * 6.5 * (PACES[order[pi]][2] + 0.1) + (1 - frac) * 2.2
                n = int(round((T - intro - 4.0 + gap_avg) / (line_est + gap_avg)))
                if n > args.max_lines and pi < 2:
                    pi += 1
                elif n < args.min_lines and pi > 0:
                    pi -= 1
                else:
                    break
            n = max(args.min_lines, min(args.max_lines, n))
            pace = order[pi]
        chorus = rng.random() < args.chorus_prob
        sections, clen = plan_structure(n, chorus, rng)
        verse_lines = sum(c for k, _, c in sections if k == "verse")
        need = verse_lines + clen
        if cursor + need > len(pool):
            raise SystemExit("text pool exhausted (%d sentences); add text" % len(pool))
        sents = pool[cursor:cursor + need]
        cursor += need
        speed_lo, speed_hi, _, tempo_range = PACES[pace]
        lo = rng.uniform(speed_lo, speed_hi - 40)
        plans.append({
            "index": i,
            "name": "%s%02d" % (args.prefix, i),
            "seed": "%s:song:%d" % (args.seed, i),
            "voice": vorder[i % len(vorder)],
            "snr": snr,
            "sung_fraction": frac,
            "target_s": T,
            "min_s": dmin,
            "max_s": dmax,
            "intro_s": intro,
            "intro_kind": intro_kind,
            "sections": sections,
            "chorus_len": clen,
            "sentences": sents,
            "messy": 0 if rng.random() >= args.messy_prob else rng.choice([1, 2, 2]),
            "pace": pace,
            "tempo": tempo_range,
            "sung_speed": (lo, min(speed_hi, lo + rng.uniform(40, 80))),
            "long_gaps": rng.random() < args.long_gap_prob,
        })
    # containers: wav flavours go to the songs planned short (largest format to
    # the shortest song), flac to the shortest of the others, the rest at random
    short = sorted((p for p in plans if p["index"] in wav_idx), key=lambda p: p["target_s"])
    for p, f in zip(short, wavs):
        p["format"] = f
    others = sorted((p for p in plans if p["index"] not in wav_idx),
                    key=lambda p: p["target_s"])
    for p, f in zip(others, flacs):
        p["format"] = f
    rng.shuffle(rest)
    for p, f in zip(others[len(flacs):], rest):
        p["format"] = f
    return plans


# --------------------------------------------------------------------------
# one song (worker process)

def make_song(job):
    plan, args = job
    t0 = time.time()
    rng = random.Random(plan["seed"])
    tmp = tempfile.mkdtemp(prefix="mksong_")
    try:
        return _make_song(plan, args, rng, tmp, t0)
    finally:
        shutil.rmtree(tmp, ignore_errors=True)


def _make_song(plan, A, rng, tmp, t0):
    voice = plan["voice"]
    P = {"sung_speed": plan["sung_speed"], "spoken_speed": (150, 250),
         "pace": plan["tempo"], "word_gap_max": A.word_gap_max}
    song_peak = rng.uniform(8000, 16000)
    # ---- lyric lines (text + style) ------------------------------------
    sents = list(plan["sentences"])
    chorus_words = sents[:plan["chorus_len"]]
    verse_words = sents[plan["chorus_len"]:]
    frac = plan["sung_fraction"]
    chorus_style = ["sung" if rng.random() < frac else "spoken" for _ in chorus_words]
    reuse_chorus_audio = rng.random() < 0.5
    lines = []      # dicts: words, style, section index, chorus_pos
    for si, (kind, name, cnt) in enumerate(plan["sections"]):
        for j in range(cnt):
            if kind == "chorus":
                lines.append({"words": chorus_words[j], "style": chorus_style[j],
                              "sec": si, "chorus_pos": j})
            else:
                lines.append({"words": verse_words.pop(0),
                              "style": "sung" if rng.random() < frac else "spoken",
                              "sec": si, "chorus_pos": None})
    # ---- synthesis ------------------------------------------------------
    chorus_cache = {}
    for ln in lines:
        peak = song_peak * 10 ** (rng.uniform(-2, 1) / 20)
        key = ln["chorus_pos"]
        if key is not None and reuse_chorus_audio and key in chorus_cache:
            ln["audio"] = chorus_cache[key]
            ln["repeat_audio"] = True
            continue
        if ln["style"] == "sung":
            ln["audio"] = synth_sung_line(voice, ln["words"], P, rng, tmp, peak)
        else:
            ln["audio"] = synth_spoken_line(voice, ln["words"], P, rng, tmp, peak)
        ln["repeat_audio"] = False
        if key is not None:
            chorus_cache.setdefault(key, ln["audio"])
    # ---- timeline -------------------------------------------------------
    gmin, gmax = A.gap_min, A.gap_max
    gaps = []
    for a, b in zip(lines, lines[1:]):
        u = rng.random()
        if a["sec"] == b["sec"]:
            gaps.append(gmin + (gmax - gmin) * u ** 1.7)
        else:
            gaps.append(gmin + (gmax - gmin) * (0.3 + 0.7 * u))
    caps = [gmax] * len(gaps)
    if plan["long_gaps"] and len(gaps) >= 3:
        bounds = [i for i in range(1, len(gaps) - 1)
                  if lines[i]["sec"] != lines[i + 1]["sec"]] or list(range(1, len(gaps) - 1))
        for i in rng.sample(bounds, min(len(bounds), rng.choice([1, 2]))):
            gaps[i] = rng.uniform(max(gmax, 0.5 * A.long_gap_max), A.long_gap_max)
            caps[i] = A.long_gap_max
    intro = plan["intro_s"]
    outro = rng.uniform(1.5, 6.0)
    T = plan["target_s"]

    def dur_of(k):
        return (intro + sum((l["audio"].off - l["audio"].on + 1) / SR for l in lines[:k])
                + sum(gaps[:k - 1]) + outro)

    while dur_of(len(lines)) > plan["max_s"] and len(lines) > A.min_lines:
        # drop a verse line from the latest verse that keeps one; choruses stay whole
        per_sec = {}
        for ln in lines:
            per_sec[ln["sec"]] = per_sec.get(ln["sec"], 0) + 1
        idx = next((i for i in range(len(lines) - 1, -1, -1)
                    if lines[i]["chorus_pos"] is None and per_sec[lines[i]["sec"]] > 1),
                   len(lines) - 1)
        del lines[idx]
        g = idx - 1 if idx > 0 else 0                       # the gap before it
        del gaps[g]
        del caps[g]
    n = len(lines)
    D = dur_of(n)
    if D > plan["max_s"]:                                 # squeeze
        over = D - plan["max_s"]
        room = sum(g - gmin for g in gaps) + (outro - 1.0) + (intro - A.intro_min)
        f = min(1.0, over / room) if room > 0 else 0
        gaps = [g - f * (g - gmin) for g in gaps]
        outro -= f * (outro - 1.0)
        intro -= f * (intro - A.intro_min)
    elif D < T:                                            # stretch
        deficit = T - D
        add = min(deficit, max(0.0, 10.0 - outro))
        outro += add
        deficit -= add
        head = [c - g for g, c in zip(gaps, caps)]
        H = sum(head)
        if H > 0 and deficit > 0:
            f = min(1.0, deficit / H)
            gaps = [g + f * h for g, h in zip(gaps, head)]
            deficit -= f * H
        outro += max(0.0, min(deficit, A.outro_max - outro))
        D = dur_of(n)
        if D < plan["min_s"]:
            outro += plan["min_s"] - D + 0.5
    # absolute sample positions
    starts = []
    cur = int(round(intro * SR))
    for i, ln in enumerate(lines):
        starts.append(cur)
        cur += ln["audio"].off - ln["audio"].on + 1
        if i < len(gaps):
            cur += int(round(gaps[i] * SR))
    last_off = starts[-1] + lines[-1]["audio"].off - lines[-1]["audio"].on
    total_n = last_off + 1 + int(round(outro * SR))
    vocal = array.array("h", bytes(2 * total_n))
    for ln, s in zip(lines, starts):
        la = ln["audio"]
        pos = s - la.on
        assert pos >= 0
        vocal[pos:pos + len(la.buf)] = la.buf
    # ---- backing -------------------------------------------------------
    snr = plan["snr"]
    intervals = [(s, s + ln["audio"].off - ln["audio"].on) for ln, s in zip(lines, starts)]
    backing, binfo = None, None
    back_start = 0
    if snr is not None:
        first = intervals[0][0]
        if plan["intro_kind"] == "instrumental":
            back_start = 0
            fade_in = min(first, int(rng.uniform(0.2, 2.0) * SR))
        else:
            back_start = max(0, first - int(rng.uniform(0.05, 0.8) * SR))
            fade_in = int(0.03 * SR)
        chorus_secs = {i for i, s in enumerate(plan["sections"]) if s[0] == "chorus"}
        spans = []   # (start_s, end_s, kind) in seconds for bar-kind lookup
        for i, (ln, (s, e)) in enumerate(zip(lines, intervals)):
            kind = "B" if ln["sec"] in chorus_secs else "A"
            nxt = intervals[i + 1][0] if i + 1 < len(intervals) else total_n
            spans.append((s / SR, e / SR, kind))
            if (nxt - e) / SR > 3.5:
                spans.append((e / SR + 1.0, nxt / SR - 0.5, "L"))
        spans.sort()

        first_s = intervals[0][0] / SR

        def bar_kind_at(t):
            ta = t + back_start / SR          # t is relative to the backing start
            if ta < first_s - 0.2:
                return "L"                    # intro: no drums, softer
            cur = "A"
            for s, e, k in spans:
                if s - 0.5 > ta:
                    break
                cur = k if (k == "L" or ta <= e + 0.5) else "A"
            return cur

        body, binfo = make_backing(rng, total_n - back_start, bar_kind_at, tmp)
        backing = array.array("d", bytes(8 * back_start)) + body
        for i in range(fade_in):
            backing[back_start + i] *= i / fade_in
        fo = min(total_n - last_off - 1, int(rng.uniform(2.0, 5.0) * SR))
        for i in range(fo):
            backing[total_n - 1 - i] *= i / fo
    # ---- mix at the requested SNR -------------------------------------
    def region_power(sig):
        tot, cnt = 0.0, 0
        for s, e in intervals:
            seg = sig[s:e + 1]
            tot += sum(x * x for x in seg)
            cnt += len(seg)
        return tot / cnt

    pv = region_power(vocal)
    if backing is not None:
        pb = region_power(backing)
        bgain = math.sqrt(pv / (pb * 10 ** (snr / 10.0)))
        mixf = [v + bgain * b for v, b in zip(vocal, backing)]
        back_scaled = array.array("d", [bgain * b for b in backing])
        snr_global = 10 * math.log10(sum(x * x for x in vocal) /
                                     max(1e-9, sum(x * x for x in back_scaled)))
        snr_check = 10 * math.log10(pv / region_power(back_scaled))
    else:
        bgain, mixf, back_scaled, snr_global, snr_check = 0.0, vocal, None, None, None
    peak = max(max(mixf), -min(mixf))
    target_peak = 32767 * 10 ** (rng.uniform(-6, -1) / 20)
    mgain = target_peak / peak
    mix = array.array("h", [int(round(x * mgain)) for x in mixf])
    del mixf
    # ---- lyric text + truth ----------------------------------------------
    level = plan["messy"]
    curly = "none"
    if level >= 1 and any("'" in w for ln in lines for w in ln["words"]):
        curly = rng.choice(["none", "all", "all", "mixed"] if level == 2 else ["none", "all"])
    tags = level >= 1 and rng.random() < (0.85 if level == 2 else 0.35)
    blanks = level >= 1 and rng.random() < (0.9 if level == 2 else 0.7)
    crlf = level == 2 and rng.random() < 0.25
    chorus_text = {}
    txt_lines, truth_lines = [], []
    last_sec = None
    for ln, s in zip(lines, starts):
        if ln["sec"] != last_sec:
            if last_sec is not None and blanks:
                txt_lines.append("")
            if tags:
                kind, name, _ = plan["sections"][ln["sec"]]
                txt_lines.append("[%s]" % (name.upper() if level == 2 and rng.random() < 0.15
                                           else name))
            last_sec = ln["sec"]
        cp = ln["chorus_pos"]
        if cp is not None and cp in chorus_text:
            text = chorus_text[cp]
        else:
            text = render_line(ln["words"], level, rng, curly)
            if cp is not None:
                chorus_text[cp] = text
        txt_lines.append(text)
        toks = text_tokens(text)
        assert [norm_word(t) for t in toks] == [w.lower() for w in ln["words"]], (toks, ln["words"])
        la = ln["audio"]
        base = s - la.on
        entry = {"text": text.strip(), "txt_line": len(txt_lines),
                 "start": rsec(s / SR), "end": rsec((s + la.off - la.on) / SR),
                 "style": ln["style"],
                 "section": plan["sections"][ln["sec"]][1].lower(),
                 "words": None}
        if la.words is not None:
            entry["words"] = [{"text": t, "start": rsec((base + on) / SR),
                               "end": rsec((base + off) / SR)}
                              for t, (on, off) in zip(toks, la.words)]
        if cp is not None:
            entry["chorus_line"] = cp
            entry["audio_reused"] = bool(ln.get("repeat_audio"))
        truth_lines.append(entry)
    nl = "\r\n" if crlf else "\n"
    txt = nl.join(txt_lines) + nl
    # ---- write -------------------------------------------------------------
    name = plan["name"]
    fmt = plan["format"]
    ext, fsr, fch, kind = FORMATS[fmt]
    out_dir = A.out
    master = os.path.join(tmp, "master.wav")
    write_wav(master, mix)
    src = master
    if fsr != SR or fch != 1:
        src = os.path.join(tmp, "master_%d_%d.wav" % (fsr, fch))
        run(["sox", "-R", "-D", "-V1", master, "-r", str(fsr), "-c", str(fch), "-b", "16", src])
    audio_name = "%s.%s" % (name, ext)
    dst = os.path.join(out_dir, audio_name)
    if kind == "wav":
        shutil.copyfile(src, dst)
    else:
        enc = {"flac": ["-c:a", "flac", "-compression_level", "8"],
               "mp3": ["-c:a", "libmp3lame", "-b:a", MP3_BITRATE[fch]],
               "ogg": ["-c:a", "libvorbis", "-q:a", OGG_QUALITY[fch]]}[kind]
        run(["ffmpeg", "-hide_banner", "-loglevel", "error", "-y", "-i", src,
             "-map_metadata", "-1"] + enc
            + ["-fflags", "+bitexact", "-flags:a", "+bitexact", dst])
    with open(os.path.join(out_dir, name + ".txt"), "w", encoding="utf-8", newline="") as f:
        f.write(txt)
    duration = total_n / SR
    n_sung = sum(1 for l in lines if l["style"] == "sung")
    style = "sung" if n_sung == len(lines) else ("spoken" if n_sung == 0 else "mixed")
    gaps_s = [(intervals[i + 1][0] - intervals[i][1] - 1) / SR for i in range(len(intervals) - 1)]
    truth = {
        "audio": audio_name,
        "lyrics": name + ".txt",
        "duration": rsec(duration),
        "sample_rate": SR,
        "file_sample_rate": fsr,
        "file_channels": fch,
        "format": fmt,
        "snr_db": snr,
        "voice": voice["voice"],
        "voice_engine_arg": voice["arg"],
        "style": style,
        "sung_pace": plan["pace"] if n_sung else None,
        "intro_s": rsec(intervals[0][0] / SR),
        "intro_kind": plan["intro_kind"],
        "outro_s": rsec((total_n - 1 - last_off) / SR),
        "truth_definition": "start/end = first/last sample with |x| > %d (int16) of the "
                            "word's/line's own vocal before mixing; seconds from the "
                            "file's first sample" % THRESH,
        "mix": {"backing_gain": round(bgain, 6), "mix_gain": round(mgain, 6),
                "snr_region_db": None if snr_check is None else round(snr_check, 3),
                "snr_global_db": None if snr_global is None else round(snr_global, 3),
                "backing": binfo},
        "lines": truth_lines,
    }
    with open(os.path.join(out_dir, name + ".json"), "w", encoding="utf-8") as f:
        json.dump(truth, f, indent=1, ensure_ascii=False)
        f.write("\n")
    if A.stems:
        sd = os.path.join(A.stems, name)
        os.makedirs(sd, exist_ok=True)
        write_wav(os.path.join(sd, "vocal.wav"), vocal)
        write_wav(os.path.join(sd, "master.wav"), mix)
        if back_scaled is not None:
            write_wav(os.path.join(sd, "backing.wav"), array.array(
                "h", [max(-32767, min(32767, int(round(x)))) for x in back_scaled]))
    entry = {
        "name": name, "audio": audio_name, "truth": name + ".json", "lyrics": name + ".txt",
        "format": fmt, "file_sample_rate": fsr, "file_channels": fch,
        "duration": rsec(duration), "snr_db": snr, "style": style,
        "sung_lines": n_sung, "spoken_lines": len(lines) - n_sung,
        "voice": voice["voice"], "n_lines": len(lines),
        "n_words_timed": sum(len(e["words"]) for e in truth_lines if e["words"]),
        "intro_s": truth["intro_s"], "intro_kind": plan["intro_kind"],
        "max_gap_s": rsec(max(gaps_s) if gaps_s else 0.0),
        "chorus": plan["chorus_len"] > 0, "messy": level,
        "bytes": os.path.getsize(dst),
    }
    in_range = A.min_duration - 0.01 <= duration <= A.max_duration + 0.01
    return entry, time.time() - t0, in_range


# --------------------------------------------------------------------------

def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0],
                                 formatter_class=argparse.ArgumentDefaultsHelpFormatter)
    ap.add_argument("--out", required=True, help="output directory")
    ap.add_argument("--count", type=int, default=16)
    ap.add_argument("--seed", default="1")
    ap.add_argument("--voices", default="en-us+Andy",
                    help="comma list: espeak-ng voice names (e.g. en-us+Andy), "
                         "flite:NAME (e.g. flite:slt) or festival:NAME (e.g. festival:ked_diphone)")
    ap.add_argument("--language", choices=sorted(ONE_LETTER_WORDS), default="en",
                    help="language of the text (pick voices that speak it): which words a line may hold")
    ap.add_argument("--text", action="append", required=True,
                    help="text source file (repeatable)")
    ap.add_argument("--text-format", choices=["auto", "lines", "fortune", "prose"],
                    default="auto", help="lines: one sentence per line; fortune: "
                    "%%-separated entries; prose: paragraphs")
    ap.add_argument("--text-tail", type=int, default=0,
                    help="use only the last N lines of each text file")
    ap.add_argument("--exclude-text", action="append", default=[],
                    help="drop candidate lines that appear verbatim in this file")
    ap.add_argument("--dictionary", default="",
                    help="keep only lines whose words are all in this word list "
                         "(e.g. /usr/share/dict/words)")
    ap.add_argument("--min-lines", type=int, default=6)
    ap.add_argument("--max-lines", type=int, default=12)
    ap.add_argument("--min-duration", type=float, default=20.0)
    ap.add_argument("--max-duration", type=float, default=70.0)
    ap.add_argument("--plan-by", choices=["lines", "duration"], default="lines",
                    help="lines: line count uniform in range, duration follows; "
                         "duration: target duration uniform in range, line count follows")
    ap.add_argument("--intro-min", type=float, default=0.5)
    ap.add_argument("--intro-max", type=float, default=8.0)
    ap.add_argument("--long-intro-prob", type=float, default=0.0)
    ap.add_argument("--long-intro-range", default="15,25")
    ap.add_argument("--instrumental-intro-prob", type=float, default=0.6)
    ap.add_argument("--gap-min", type=float, default=0.2)
    ap.add_argument("--gap-max", type=float, default=3.0)
    ap.add_argument("--long-gap-prob", type=float, default=0.0,
                    help="share of songs with 1-2 long instrumental gaps mid-song")
    ap.add_argument("--long-gap-max", type=float, default=8.0)
    ap.add_argument("--outro-max", type=float, default=30.0)
    ap.add_argument("--word-gap-max", type=float, default=0.2)
    ap.add_argument("--snr-list", default="none,15,10,5,0")
    ap.add_argument("--sung-fractions", default="1,0.75,0.5,0.25",
                    help="share of sung lines per song, cycled over songs")
    ap.add_argument("--chorus-prob", type=float, default=0.6)
    ap.add_argument("--messy-prob", type=float, default=0.7)
    ap.add_argument("--formats", default="mp3:6,ogg:4,flac:2,flac44s:1,wav:1,wav44s:1,mp3s:1",
                    help="format:weight list; known: " + ",".join(FORMATS))
    ap.add_argument("--wav-max-seconds", type=float, default=30.0,
                    help="wav containers only for songs up to this long")
    ap.add_argument("--prefix", default="song_")
    ap.add_argument("--jobs", type=int, default=2)
    ap.add_argument("--stems", default="",
                    help="also write vocal/backing/master 16 kHz stems here (checks)")
    ap.add_argument("--max-total-mb", type=float, default=0,
                    help="exit 3 if the output folder grows past this")
    ap.add_argument("--force", action="store_true",
                    help="delete earlier outputs with the same prefix first")
    A = ap.parse_args()
    A.long_intro_range = tuple(float(x) for x in A.long_intro_range.split(","))
    global LANGUAGE
    LANGUAGE = A.language
    t0 = time.time()
    for tool in ("espeak-ng", "sox", "ffmpeg"):
        if shutil.which(tool) is None:
            raise SystemExit("missing required tool: " + tool)
    os.makedirs(A.out, exist_ok=True)
    old = [f for f in os.listdir(A.out)
           if f.startswith(A.prefix) or f == "manifest.json"]
    if old:
        if not A.force:
            raise SystemExit("%s already has outputs (%d files); use --force" % (A.out, len(old)))
        for f in old:
            os.remove(os.path.join(A.out, f))
    probe_tmp = tempfile.mkdtemp(prefix="mksong_probe_")
    try:
        voices = resolve_voices(A.voices.split(","), probe_tmp)
    finally:
        shutil.rmtree(probe_tmp, ignore_errors=True)
    if not voices:
        raise SystemExit("no usable voice")
    pool = load_text_pool(A.text, A.text_format, A.text_tail, A.exclude_text,
                          A.dictionary or None)
    print("text pool: %d candidate lines; voices: %s" % (
        len(pool), ", ".join(v["voice"] for v in voices)), file=sys.stderr)
    plans = make_plans(A, voices, pool)
    jobs = [(p, A) for p in plans]
    results = []
    if A.jobs > 1:
        with multiprocessing.Pool(A.jobs) as pool_:
            for r in pool_.imap(make_song, jobs):
                results.append(r)
                print("  %-14s %6.1fs  %-7s snr=%-5s %-6s %s (%.1fs)" % (
                    r[0]["name"], r[0]["duration"], r[0]["format"], r[0]["snr_db"],
                    r[0]["style"], r[0]["voice"], r[1]), file=sys.stderr)
    else:
        for j in jobs:
            results.append(make_song(j))
    warn = [r[0]["name"] for r in results if not r[2]]
    songs = [r[0] for r in results]
    total = sum(s["bytes"] for s in songs) + sum(
        os.path.getsize(os.path.join(A.out, s[k])) for s in songs for k in ("truth", "lyrics"))
    manifest = {
        "generator": "make_songs.py v%d" % VERSION,
        "seed": A.seed,
        "args": {k: v for k, v in sorted(vars(A).items()) if k not in ("out", "jobs", "stems", "force")},
        "truth_definition": "per word/line: start/end = first/last sample with |x| > %d "
                            "(int16) of its own synthesized vocal before mixing, in seconds "
                            "from the first sample of the audio file" % THRESH,
        "snr_definition": "10*log10(P_vocal/P_backing), mean powers over the union of the "
                          "sung lines' [start, end] spans, before the final mix gain",
        "count": len(songs),
        "total_duration_s": rsec(sum(s["duration"] for s in songs)),
        "songs": songs,
    }
    with open(os.path.join(A.out, "manifest.json"), "w", encoding="utf-8") as f:
        json.dump(manifest, f, indent=1, ensure_ascii=False)
        f.write("\n")
    total += os.path.getsize(os.path.join(A.out, "manifest.json"))
    print("wrote %d songs (%.1f s of audio, %.2f MB) to %s in %.1f s" % (
        len(songs), manifest["total_duration_s"], total / 1e6, A.out, time.time() - t0),
        file=sys.stderr)
    if warn:
        print("warning: duration outside range for " + ", ".join(warn), file=sys.stderr)
    if A.max_total_mb and total / 1e6 > A.max_total_mb:
        print("error: output is %.2f MB > --max-total-mb %.1f" % (total / 1e6, A.max_total_mb),
              file=sys.stderr)
        sys.exit(3)


if __name__ == "__main__":
    main()
