using System.Collections.Frozen;
using System.Text.Json;

namespace Foreman.Emissions;

/// <summary>
/// A CTC model's token table, read from a Hugging Face <c>vocab.json</c> (token → id).
/// </summary>
public sealed class Vocabulary
{
    /// <summary>The CTC blank: <c>&lt;pad&gt;</c> when present, else id 0 (wav2vec2 convention).</summary>
    public int BlankId { get; }

    /// <summary>The word delimiter <c>|</c>, when the vocabulary has one.</summary>
    public int? WordDelimiterId { get; }

    /// <summary>Number of ids, which must equal the width of the model's logits.</summary>
    public int Size { get; }

    /// <summary>Letters are upper case only (e.g. the bundled model), lower case only, or both.</summary>
    public LetterCase LetterCase { get; }

    private readonly FrozenDictionary<string, int> _ids;
    private readonly string[] _tokens;

    public Vocabulary(IReadOnlyDictionary<string, int> ids, int? blankId = null, string wordDelimiter = "|")
    {
        if (ids.Count == 0) throw new InvalidDataException("vocabulary is empty");
        _ids = ids.ToFrozenDictionary(StringComparer.Ordinal);
        Size = ids.Values.Max() + 1;
        _tokens = new string[Size];
        foreach (var (token, id) in ids)
        {
            if (id < 0) throw new InvalidDataException($"vocabulary id {id} of '{token}' is negative");
            _tokens[id] = token;
        }
        BlankId = blankId ?? (ids.TryGetValue("<pad>", out var pad) ? pad : 0);
        WordDelimiterId = ids.TryGetValue(wordDelimiter, out var delimiter) ? delimiter : null;
        var letters = ids.Keys.Where(t => t.Length == 1 && char.IsLetter(t[0])).Select(t => t[0]).ToList();
        bool upper = letters.Any(char.IsUpper), lower = letters.Any(char.IsLower);
        LetterCase = upper && !lower ? LetterCase.Upper : lower && !upper ? LetterCase.Lower : LetterCase.Mixed;
    }

    /// <summary>Reads <c>vocab.json</c>.</summary>
    public static Vocabulary Load(string path, int? blankId = null, string wordDelimiter = "|")
    {
        using var stream = File.OpenRead(path);
        var ids = JsonSerializer.Deserialize<Dictionary<string, int>>(stream)
            ?? throw new InvalidDataException($"{path} is not a JSON object of token ids");
        return new Vocabulary(ids, blankId, wordDelimiter);
    }

    public bool TryGetId(string token, out int id) => _ids.TryGetValue(token, out id);

    /// <summary>The token with this id, or null for an unused id.</summary>
    public string? TokenOf(int id) => (uint)id < (uint)_tokens.Length ? _tokens[id] : null;

    /// <summary>Every token string, for normalizers that keep what the vocabulary has.</summary>
    public IEnumerable<string> Tokens => _ids.Keys;
}

/// <summary>How a vocabulary writes its letters.</summary>
public enum LetterCase { Upper, Lower, Mixed }
