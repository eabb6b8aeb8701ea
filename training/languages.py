"""Sentences in French, Spanish and German from Debian text packages (manpages-fr, fortunes-es, fortunes-de), with
their labels as Foreman's aligner reads them: every sentence goes through `foreman text normalize` (the server's own
folding of case, diacritics and punctuation into the model's letters), so training and inference cannot drift apart.
English sentences (corpus.txt) are labelled the same way by label().

usage: python3 languages.py OUT.tsv [PER_LANGUAGE [SKIP]]   (lines: language TAB sentence TAB label)
The same shuffle every run: SKIP passes over the first sentences (training takes the first 4,000 of each language,
make_language_songs.sh the ones after them)."""
import glob, gzip, os, random, re, subprocess, sys

HERE = os.path.dirname(os.path.abspath(__file__))
FOREMAN = os.environ.get('FOREMAN_BIN', os.path.join(HERE, '..', 'src', 'Foreman', 'bin', 'Release', 'net10.0', 'foreman'))
VOCAB_JSON = os.path.join(HERE, '..', 'models', 'foreman-tiny-en', 'vocab.json')
WORD = re.compile(r"^[^\W\d_]+(?:['’-][^\W\d_]+)*$")


def fortunes(pattern):
    for path in sorted(glob.glob(pattern)):
        if path.endswith(('.dat', '.u8')) or os.path.isdir(path):
            continue
        text = open(path, encoding='utf-8', errors='ignore').read()
        for entry in text.split('\n%\n'):
            # drop attributions ("-- Author") and indented verse markers
            yield ' '.join(l.strip() for l in entry.splitlines() if not l.strip().startswith('--'))


def manpages(pattern):
    for path in sorted(glob.glob(pattern)):
        try:
            text = gzip.open(path, 'rt', encoding='utf-8', errors='ignore').read()
        except (OSError, EOFError):
            continue
        lines = [l for l in text.splitlines() if l and not l.startswith(('.', "'", '\\"'))]
        yield re.sub(r'\\f[BIRP]|\\\(..|\\[-&e]|\\s[-+]?\d', ' ', ' '.join(lines))


SOURCES = {
    'de': lambda: fortunes('/usr/share/games/fortunes/de/*'),
    'es': lambda: fortunes('/usr/share/games/fortunes/es/*'),
    'fr': lambda: manpages('/usr/share/man/fr/man*/*.gz'),
}


def sentences(texts):
    seen = set()
    for text in texts:
        for s in re.split(r'(?<=[.!?;:])\s+', re.sub(r'\s+', ' ', text)):
            words = s.strip().rstrip('.!?;:,').replace(',', '').split(' ')
            if 3 <= len(words) <= 14 and all(WORD.match(w) and len(w) <= 16 for w in words):
                sentence = ' '.join(words)
                if sentence.lower() not in seen:
                    seen.add(sentence.lower())
                    yield sentence


def label(lines, language):
    """Each line as the aligner reads it for language: tokens with '|' between words ('' when nothing is left)."""
    result = subprocess.run([FOREMAN, 'text', 'normalize', '--vocab', VOCAB_JSON, '--language', language],
                            input='\n'.join(lines) + '\n', capture_output=True, text=True, check=True)
    out = result.stdout.split('\n')[:len(lines)]
    if len(out) != len(lines):
        raise RuntimeError('foreman text normalize returned %d lines for %d' % (len(out), len(lines)))
    return out


def main():
    out_path = sys.argv[1]
    per_language = int(sys.argv[2]) if len(sys.argv) > 2 else 4000
    skip = int(sys.argv[3]) if len(sys.argv) > 3 else 0
    rng = random.Random(11)
    with open(out_path, 'w', encoding='utf-8') as out:
        for language, source in SOURCES.items():
            pool = list(sentences(source()))
            rng.shuffle(pool)
            pool = pool[skip:skip + per_language]
            for sentence, tokens in zip(pool, label(pool, language)):
                if tokens:
                    out.write('%s\t%s\t%s\n' % (language, sentence, tokens))
            print('%s: %d sentences' % (language, len(pool)), file=sys.stderr)


if __name__ == '__main__':
    main()
