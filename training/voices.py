"""Prints the voices for training songs: espeak-ng accents with variants, minus the variants of the bench songs'
voices (shared/bench/README.md), plus flite's voices. Deterministic, so make_songs.sh reproduces the same songs."""
import random

# variants used by the public bench songs: never trained on
HELD_VARIANTS = {'Andy', 'grandma', 'klatt4', 'quincy', 'shelby', 'steph2', 'm8'}
# en-gb+VARIANT ignores the variant in espeak-ng 1.51; 'en+VARIANT' applies it. en-gb-x-gbcwmd is a bench voice.
ACCENTS = ['en-us', 'en', 'en-gb-scotland', 'en-gb-x-rp', 'en-029', 'en-us-nyc', 'en-gb-x-gbclan']
VARIANTS = ['m1', 'm2', 'm3', 'm4', 'm5', 'm6', 'm7', 'f1', 'f2', 'f3', 'f4', 'f5', 'klatt', 'klatt2', 'klatt3', 'klatt5',
            'klatt6', 'Alex', 'Andrea', 'Annie', 'boris', 'caleb', 'david', 'edward', 'iven', 'john', 'linda', 'max',
            'michel', 'paul', 'robert', 'steph', 'steph3', 'travis', 'victor', 'zac', 'Mike', 'Tweaky', 'aunty',
            'belinda', 'Denis', 'Gene', 'Lee', 'Hugo', 'adam', 'anika', 'benjamin', 'ed', 'norbert', 'rob', 'sandro',
            'Alicia', 'Jacky', 'Michael', 'antonio', 'gustave', 'iven2', 'john', 'marcelo', 'pablo']
FLITE = ['flite:kal', 'flite:awb', 'flite:rms', 'flite:slt', 'flite:kal16']

rng = random.Random(7)
voices = [a + '+' + v for a in ACCENTS for v in VARIANTS if v not in HELD_VARIANTS]
rng.shuffle(voices)
print(','.join(voices[:150] + FLITE * 3))
