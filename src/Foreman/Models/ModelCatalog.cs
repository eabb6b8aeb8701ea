using Foreman.Emissions;
using Microsoft.Extensions.Options;

namespace Foreman.Models;

/// <summary>The models on disk: every folder under the models directory that holds an ONNX file.</summary>
public sealed class ModelCatalog(IOptions<ModelCatalogOptions> options)
{
    private readonly System.Collections.Concurrent.ConcurrentDictionary<string, Vocabulary> _vocabularies = new();

    public string Directory => options.Value.ResolvedModelsDir;

    public string DefaultModel => options.Value.DefaultModel;

    public IReadOnlyList<string> Names()
    {
        if (!System.IO.Directory.Exists(Directory)) return [];
        return System.IO.Directory.EnumerateDirectories(Directory)
            .Select(Path.GetFileName)
            .OfType<string>()
            .Where(name => ModelNames.IsValid(name) && Contains(name))
            .Order(StringComparer.Ordinal)
            .ToList();
    }

    /// <summary>True when the name is valid and its folder holds a model file.</summary>
    public bool Contains(string name) =>
        ModelNames.IsValid(name) && (File.Exists(Path.Combine(PathOf(name), "model.onnx")) || File.Exists(Path.Combine(PathOf(name), "onnx", "model.onnx")));

    /// <summary>The model's vocabulary, read once; lets the API check lyrics without loading the model.</summary>
    public Vocabulary VocabularyOf(string name) =>
        _vocabularies.GetOrAdd(name, n => Vocabulary.Load(Path.Combine(PathOf(n), "vocab.json")));

    /// <summary>Drops what was read of a model whose folder was replaced or removed.</summary>
    public void Forget(string name) => _vocabularies.TryRemove(name, out _);

    public string PathOf(string name) =>
        ModelNames.IsValid(name) ? Path.Combine(Directory, name) : throw new ArgumentException($"invalid model name '{name}'", nameof(name));
}
