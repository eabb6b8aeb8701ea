"""Backing tracks that sound like instruments: General MIDI songs written here (drums, bass, chords, a lead line) and
rendered with fluidsynth and a GM soundfont (Debian fluidsynth, fluid-soundfont-gm). Training mixes them under
vocals beside make_songs.py's synthetic backing, so the model hears pianos, guitars, strings and real drum kits.

usage: python3 music.py OUT_DIR COUNT [SEED]   (writes OUT_DIR/midi_NNN.wav, 16 kHz mono, about 60 s each)"""
import os, random, struct, subprocess, sys, tempfile, wave
import numpy as np

SR = 16000
SOUNDFONT = '/usr/share/sounds/sf2/FluidR3_GM.sf2'
TICKS = 480  # per quarter note

# (name, bpm range, chord programs, bass program, lead programs, drum pattern)
GENRES = [
    ('pop', (90, 128), [0, 4, 24, 48], 33, [73, 80, 0], 'backbeat'),
    ('rock', (100, 150), [29, 30, 27], 34, [29, 30], 'rock'),
    ('ballad', (60, 84), [0, 48, 49, 89], 32, [40, 73, 71], 'soft'),
    ('folk', (80, 120), [25, 24, 21], 32, [22, 105, 71], 'soft'),
    ('electro', (110, 132), [81, 90, 88], 38, [80, 81], 'four'),
    ('latin', (88, 112), [24, 0, 11], 32, [56, 65, 73], 'latin'),
]
PROGRESSIONS = [[0, 5, 3, 4], [0, 3, 4, 4], [5, 3, 0, 4], [0, 4, 5, 3], [0, 5, 1, 4], [1, 4, 0, 0]]
MAJOR = [0, 2, 4, 5, 7, 9, 11]
MINOR = [0, 2, 3, 5, 7, 8, 10]


def varlen(n):
    out = [n & 0x7F]
    n >>= 7
    while n:
        out.append(0x80 | (n & 0x7F))
        n >>= 7
    return bytes(reversed(out))


def track(events):
    """events: (tick, bytes) in any order -> an MTrk chunk."""
    data, now = b'', 0
    for tick, msg in sorted(events, key=lambda e: (e[0], e[1][0] & 0xF0 != 0x80)):
        data += varlen(tick - now) + msg
        now = tick
    data += b'\x00\xff\x2f\x00'
    return b'MTrk' + struct.pack('>I', len(data)) + data


def note(events, channel, start, length, pitch, velocity):
    events.append((start, bytes([0x90 | channel, pitch, velocity])))
    events.append((start + max(1, length), bytes([0x80 | channel, pitch, 0])))


def drums(events, bar, beats, pattern, r, sparse):
    t0 = bar * beats * TICKS
    for b in range(beats):
        for half in range(2):
            t = t0 + b * TICKS + half * TICKS // 2
            if sparse and r.random() < 0.5:
                continue
            if half == 0 and (b == 0 or pattern in ('four', 'rock') or (pattern == 'latin' and b == 2)):
                note(events, 9, t, 60, 36, r.randint(90, 120))  # kick
            if half == 0 and b % 2 == 1 and pattern != 'soft':
                note(events, 9, t, 60, 38, r.randint(85, 115))  # snare
            if pattern == 'soft' and half == 0 and b % 2 == 1:
                note(events, 9, t, 60, 37, r.randint(50, 80))  # side stick
            if pattern == 'latin' and r.random() < 0.6:
                note(events, 9, t, 60, r.choice([60, 61, 62, 63, 64]), r.randint(50, 90))  # bongos, congas
            note(events, 9, t, 40, 42 if r.random() < 0.85 else 46, r.randint(40, 80))  # hats
        if b == 0 and bar % 4 == 0 and not sparse:
            note(events, 9, t0, 200, 49, 90)  # crash


def song_midi(r, seconds):
    name, (lo, hi), chord_programs, bass_program, lead_programs, pattern = r.choice(GENRES)
    bpm = r.randint(lo, hi)
    beats = 4 if r.random() < 0.85 else 3
    key = r.randint(40, 52)
    scale = MAJOR if r.random() < 0.6 else MINOR
    prog = r.choice(PROGRESSIONS)
    bars = int(seconds * bpm / 60 / beats) + 1
    chord_prog, lead_prog = r.choice(chord_programs), r.choice(lead_programs)
    conductor = [(0, b'\xff\x51\x03' + int(60e6 / bpm).to_bytes(3, 'big'))]
    events = [(0, bytes([0xC0, chord_prog])), (0, bytes([0xC1, bass_program])), (0, bytes([0xC2, lead_prog]))]
    arpeggio = r.random() < 0.5
    lead_from = r.randint(0, 4)
    for bar in range(bars):
        degree = prog[bar % len(prog)]
        root = key + scale[degree]
        triad = [root + (scale[(degree + k) % 7] - scale[degree]) % 12 for k in (0, 2, 4)]
        t0 = bar * beats * TICKS
        sparse = bar < 2 or (bar % 16) in (14, 15)  # an intro and breaks with less going on
        if arpeggio:
            for b in range(beats * 2):
                note(events, 0, t0 + b * TICKS // 2, TICKS // 2, triad[b % 3] + 12, r.randint(55, 85))
        else:
            for p in triad:
                note(events, 0, t0, beats * TICKS - 20, p + 12, r.randint(50, 80))
        for b in range(beats):
            if sparse and b % 2:
                continue
            note(events, 1, t0 + b * TICKS, TICKS - 30, root - 12 + (7 if b == 2 and r.random() < 0.4 else 0), r.randint(80, 110))
        drums(events, bar, beats, pattern, r, sparse)
        if bar >= lead_from and not sparse and r.random() < 0.7:
            t = t0
            while t < t0 + beats * TICKS:
                length = r.choice([TICKS // 2, TICKS, TICKS * 2])
                note(events, 2, t, length - 20, key + 12 + r.choice(scale) + 12 * r.randint(0, 1), r.randint(60, 95))
                t += length
    header = b'MThd' + struct.pack('>IHHH', 6, 1, 2, TICKS)
    return header + track(conductor) + track(events), name


def render(midi_bytes, wav_path, seconds):
    with tempfile.TemporaryDirectory() as tmp:
        mid = os.path.join(tmp, 'song.mid')
        with open(mid, 'wb') as f:
            f.write(midi_bytes)
        raw = os.path.join(tmp, 'raw.wav')
        subprocess.run(['fluidsynth', '-ni', '-g', '0.6', '-r', str(SR), '-F', raw, SOUNDFONT, mid],
                       check=True, capture_output=True)
        with wave.open(raw) as w:
            ch, n = w.getnchannels(), w.getnframes()
            x = np.frombuffer(w.readframes(n), dtype=np.int16).astype(np.float32)
        x = x.reshape(-1, ch).mean(axis=1)[:int(seconds * SR)]
    peak = np.abs(x).max() + 1e-6
    y = (x * (0.7 * 32767 / peak)).astype(np.int16)
    with wave.open(wav_path, 'wb') as w:
        w.setnchannels(1); w.setsampwidth(2); w.setframerate(SR); w.writeframes(y.tobytes())


def excerpt(track, n, rng):
    """n samples of track from a random place, wrapping round to its start when it is shorter."""
    offset = rng.randrange(max(1, len(track) - n))
    return np.resize(track[offset:], n)


def load_pool(directory):
    """The rendered tracks in directory, int16 arrays (empty when there is none)."""
    if not directory or not os.path.isdir(directory):
        return []
    pool = []
    for f in sorted(os.listdir(directory)):
        if f.endswith('.wav'):
            with wave.open(os.path.join(directory, f)) as w:
                pool.append(np.frombuffer(w.readframes(w.getnframes()), dtype=np.int16))
    return pool


def main():
    out, count = sys.argv[1], int(sys.argv[2])
    seed = sys.argv[3] if len(sys.argv) > 3 else 'midi-2026'
    os.makedirs(out, exist_ok=True)
    for i in range(count):
        r = random.Random('%s-%d' % (seed, i))
        seconds = r.uniform(45, 75)
        midi, genre = song_midi(r, seconds)
        render(midi, os.path.join(out, 'midi_%03d.wav' % i), seconds)
        print('midi_%03d %s %.0f s' % (i, genre, seconds), flush=True)


if __name__ == '__main__':
    main()
