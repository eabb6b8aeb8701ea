using System.Diagnostics.CodeAnalysis;
using System.Text;
using Foreman.Emissions;

namespace Foreman.Alignment.Text;

/// <summary>
/// Turns one displayed word into the vocabulary tokens the model is aligned with: letters in the vocabulary's case,
/// numbers and symbols spelled out in the lyrics' language, letters the vocabulary lacks folded to their base letter
/// or romanized (Han, kana, Hangul, Cyrillic, Greek, Arabic... into Latin letters, with AnyAscii), everything else dropped.
/// </summary>
/// <remarks>
/// A displayed word that is several spoken words (<c>1999</c>, <c>rock-n-roll</c>) gets the vocabulary's word
/// delimiter between them (<c>NINETEEN|NINETY|NINE</c>): a CTC model like the bundled one was trained with the
/// delimiter between every pair of spoken words, and emits it in the short pause there, so leaving it out would force
/// those frames onto letters.
/// </remarks>
internal sealed class TokenNormalizer
{
    // Typographic apostrophes and their look-alikes, all written as the vocabulary's ' (Don’t → DON'T).
    private const string Apostrophes = "'’‘`´ʼ′ʹ";

    private readonly Vocabulary _vocabulary;
    private readonly string _language;
    private readonly NumberSpeller _numbers;
    private readonly string? _delimiter;
    private readonly string? _apostrophe;

    /// <param name="language">ISO 639-1 code (see <see cref="Languages"/>): how numbers are spelled and letters romanized.</param>
    public TokenNormalizer(Vocabulary vocabulary, string language)
    {
        _vocabulary = vocabulary;
        _language = language;
        _numbers = Languages.SpellerFor(language);
        _delimiter = vocabulary.WordDelimiterId is int id ? vocabulary.TokenOf(id) : null;
        _apostrophe = vocabulary.TryGetId("'", out _) ? "'" : null;
    }

    /// <summary>The tokens of <paramref name="word"/>; empty when the vocabulary can express none of it.</summary>
    public IReadOnlyList<string> Normalize(string word)
    {
        var tokens = new List<string>();
        foreach (var spoken in SpokenForms.Expand(UnicodeFolding.Compose(word), _numbers))
        {
            var letters = Tokens(spoken);
            if (letters.Count == 0) continue;
            if (tokens.Count > 0 && _delimiter is not null) tokens.Add(_delimiter);
            tokens.AddRange(letters);
        }
        return tokens;
    }

    private List<string> Tokens(SpokenWord spoken)
    {
        var tokens = new List<string>();
        foreach (var rune in spoken.Text.EnumerateRunes())
        {
            // A spelled-out number is all or nothing: a vocabulary without English letters gets no half-spelled word.
            if (!TryAdd(rune, tokens) && spoken.IsSpelledOut) return [];
        }
        // The model saw apostrophes only inside words ("rock-'n'-roll" leaves 'n' after splitting).
        while (tokens.Count > 0 && tokens[0] == _apostrophe) tokens.RemoveAt(0);
        while (tokens.Count > 0 && tokens[^1] == _apostrophe) tokens.RemoveAt(tokens.Count - 1);
        return tokens;
    }

    private bool TryAdd(Rune rune, List<string> tokens)
    {
        if (rune.IsBmp && Apostrophes.Contains((char)rune.Value))
        {
            if (_apostrophe is null) return false;
            tokens.Add(_apostrophe);
            return true;
        }
        if (TryToken(rune, out var token))
        {
            tokens.Add(token);
            return true;
        }
        // A letter the vocabulary lacks becomes its base letter (é → e for an English model), marks kept only where
        // the vocabulary has them; failing that, its romanization (你 → ni, Я → ya). Only letters and the marks of
        // their scripts are romanized: AnyAscii would spell an emoji as its name (":grinning:"), which nobody sings.
        if (Rune.IsLetter(rune) && UnicodeFolding.Decompose(rune) is { } simpler && TryAddAll(simpler, tokens)) return true;
        return (Rune.IsLetter(rune) || Scripts.JoinsPrevious(rune)) && TryAddAll(Romanization.Of(rune, _language), tokens);
    }

    private bool TryAddAll(string letters, List<string> tokens)
    {
        var added = false;
        foreach (var part in letters.EnumerateRunes())
        {
            if (!TryToken(part, out var token)) continue;
            tokens.Add(token);
            added = true;
        }
        return added;
    }

    // The vocabulary's case first (Upper, Lower, or as written for Mixed), then the other case.
    private bool TryToken(Rune rune, [NotNullWhen(true)] out string? token)
    {
        var preferred = _vocabulary.LetterCase switch
        {
            LetterCase.Upper => Rune.ToUpperInvariant(rune),
            LetterCase.Lower => Rune.ToLowerInvariant(rune),
            _ => rune,
        };
        return Has(preferred, out token) || Has(Rune.ToUpperInvariant(rune), out token) || Has(Rune.ToLowerInvariant(rune), out token);
    }

    private bool Has(Rune rune, [NotNullWhen(true)] out string? token)
    {
        token = rune.ToString();
        // The delimiter only ever goes between spoken words, never in for a character the user wrote.
        if (token != _delimiter && _vocabulary.TryGetId(token, out _)) return true;
        token = null;
        return false;
    }
}
