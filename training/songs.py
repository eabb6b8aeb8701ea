"""Training examples cut from songs made by make_songs.py (with --stems): a few consecutive lyric
lines with up to a few seconds of what surrounds them (instrumental intro, breaks, other music), the vocal and
backing stems remixed at a new SNR for every epoch, so the model learns to hear lyrics through music and to stay
blank in instrumental passages."""
import glob, json, os, random, subprocess, wave
import numpy as np
from music import excerpt

SR = 16000


def read_wav(path):
    with wave.open(path) as w:
        assert w.getframerate() == SR and w.getnchannels() == 1, path
        return np.frombuffer(w.readframes(w.getnframes()), dtype=np.int16)


class Song:
    def __init__(self, truth_path, stems_dir):
        truth = json.load(open(truth_path, encoding='utf-8'))
        name = os.path.splitext(os.path.basename(truth_path))[0]
        self.vocal = read_wav(os.path.join(stems_dir, name, 'vocal.wav'))
        backing = os.path.join(stems_dir, name, 'backing.wav')
        self.backing = read_wav(backing) if os.path.exists(backing) else None
        self.harmony = read_wav(harmony_stem(stems_dir, name))
        self.lines = [(int(round(l['start'] * SR)), int(round(l['end'] * SR)), l['text']) for l in truth['lines']]
        spans = np.zeros(len(self.vocal), bool)
        for s, e, _ in self.lines:
            spans[s:e + 1] = True
        self.vocal_power = float(np.mean(self.vocal[spans].astype(np.float64) ** 2))
        self.backing_power = None if self.backing is None else float(np.mean(self.backing[spans].astype(np.float64) ** 2)) + 1e-9


def harmony_stem(stems_dir, name):
    """A harmony line: the song's vocal stem sung again 3 to 7 semitones off, its formants moving with it so it sounds
    like another singer (rubberband). Made once, beside the stems."""
    path = os.path.join(stems_dir, name, 'harmony.wav')
    if not os.path.exists(path):
        semitones = random.Random(name).choice([-7, -5, -4, -3, 3, 4, 5, 7])
        subprocess.run(['rubberband', '-q', '-p', str(semitones), os.path.join(stems_dir, name, 'vocal.wav'), path],
                       check=True, capture_output=True)
    return path


def load_songs(truth_dir, stems_dir):
    """The songs, each line's text replaced by its label from `foreman text normalize` (languages.label)."""
    from languages import label
    songs = [Song(p, stems_dir) for p in sorted(glob.glob(os.path.join(truth_dir, '*.json')))
             if os.path.isdir(os.path.join(stems_dir, os.path.splitext(os.path.basename(p))[0]))]
    texts = sorted({t for song in songs for _, _, t in song.lines})
    labels = dict(zip(texts, label(texts, 'en')))
    for song in songs:
        song.lines = [(s, e, labels[t]) for s, e, t in song.lines]
    return songs


def sample_crops(songs, rng, max_lines=4, max_context_s=3.0, max_seconds=30.0):
    """One epoch of crops: every line of every song once, in runs of 1..max_lines consecutive lines.
    Returns (song index, first sample, end sample, text) tuples."""
    crops = []
    for si, song in enumerate(songs):
        n = len(song.lines)
        i = 0
        while i < n:
            k = min(n - i, rng.randint(1, max_lines))
            while k > 1 and (song.lines[i + k - 1][1] - song.lines[i][0]) / SR > max_seconds - 2 * max_context_s:
                k -= 1
            first, last = song.lines[i], song.lines[i + k - 1]
            lo = song.lines[i - 1][1] + 1 if i > 0 else 0
            hi = song.lines[i + k][0] if i + k < n else len(song.vocal)
            # a song's first crop sometimes takes the whole instrumental intro (up to 15 s)
            before = rng.uniform(0, 15.0 if i == 0 and rng.random() < 0.3 else max_context_s)
            start = max(lo, first[0] - int(before * SR))
            end = min(hi, last[1] + 1 + int(rng.uniform(0, max_context_s) * SR))
            crops.append((si, start, end, '|'.join(t for _, _, t in song.lines[i:i + k] if t)))
            i += k
    return crops


def mix_crop(songs, crop, rng, midi=()):
    """The crop's vocal (sometimes doubled) with a backing at a random SNR (-5..20 dB over the song's sung spans): its
    own, another song's, a rendered MIDI track's (music.py, when midi holds any), or none. Float32 at int16 scale."""
    si, start, end, _ = crop
    song = songs[si]
    vocal = song.vocal[start:end].astype(np.float32)
    if rng.random() < 0.2:
        vocal = doubled(vocal, rng)
    n = end - start
    if rng.random() < 0.15:
        # a second singer in harmony, a few tens of ms behind and quieter
        vocal = behind(vocal, song.harmony[start:end].astype(np.float32), rng.uniform(0.01, 0.05), 10 ** (rng.uniform(-12, -4) / 20))
    u = rng.random()
    if u < 0.12 or song.backing is None and not midi:
        return vocal
    if midi and (u >= 0.72 or song.backing is None):
        back = excerpt(midi[rng.randrange(len(midi))], n, rng).astype(np.float32)
        power = float(np.mean(back.astype(np.float64) ** 2)) + 1e-9
    else:
        source = song if u < 0.57 else songs[rng.randrange(len(songs))]
        if source.backing is None:
            return vocal
        back = (song.backing[start:end] if source is song else excerpt(source.backing, n, rng)).astype(np.float32)
        power = source.backing_power
    snr_db = rng.uniform(-5, 20)
    gain = np.sqrt(song.vocal_power / power / 10 ** (snr_db / 10))
    return vocal + back * gain


def doubled(vocal, rng):
    """A double-tracked vocal: the same take again 10-40 ms later, quieter and duller (a one-pole low-pass)."""
    from scipy.signal import lfilter
    delay = rng.uniform(0.01, 0.04)
    a = rng.uniform(0.3, 0.8)
    return behind(vocal, lfilter([a], [1, a - 1], vocal).astype(np.float32), delay, rng.uniform(0.3, 0.7))


def behind(vocal, other, seconds, gain):
    """vocal with other (as long) mixed in, seconds later and at gain."""
    delay = int(seconds * SR)
    out = vocal.copy()
    out[delay:] += gain * other[:len(vocal) - delay]
    return out
