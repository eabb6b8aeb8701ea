using Foreman.Emissions;
using Foreman.Models;

namespace Foreman.Tests.Alignment.Text;

/// <summary>Vocabularies built in-test, so the text tests do not depend on a model file.</summary>
internal static class TestVocabularies
{
    /// <summary>Like the bundled model: special tokens, <c>|</c>, upper-case A–Z and <c>'</c>.</summary>
    public static Vocabulary UpperEnglish { get; } = Build("ABCDEFGHIJKLMNOPQRSTUVWXYZ'");

    /// <summary>Lower-case letters with French accents, <c>|</c> and <c>'</c>.</summary>
    public static Vocabulary LowerFrench { get; } = Build("abcdefghijklmnopqrstuvwxyzéèàçùêâîôûëïü'");

    /// <summary>Lower-case Russian letters only: no Latin letters to spell numbers with.</summary>
    public static Vocabulary LowerRussian { get; } = Build("абвгдеёжзийклмнопрстуфхцчшщъыьэюя");

    /// <summary>A few Chinese characters, as a model trained on hanzi has them, and no Latin letters.</summary>
    public static Vocabulary Chinese { get; } = Build("你好世界我爱");

    /// <summary>Both cases of a few letters.</summary>
    public static Vocabulary Mixed { get; } = Build("AaBbcD");

    private static Vocabulary Build(string characters)
    {
        var ids = new Dictionary<string, int> { ["<pad>"] = 0, ["<s>"] = 1, ["</s>"] = 2, ["<unk>"] = 3, ["|"] = 4 };
        foreach (var c in characters) ids[c.ToString()] = ids.Count;
        return new Vocabulary(ids);
    }
}
