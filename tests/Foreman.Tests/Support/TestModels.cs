namespace Foreman.Tests.Support;

/// <summary>A models directory of named model folders for queue tests that swap models (a probe loader serves them).</summary>
public static class TestModels
{
    public static string Create(TempDirectory root, params string[] names)
    {
        var models = Path.Combine(root.Path, "models");
        foreach (var name in names)
        {
            var folder = Directory.CreateDirectory(Path.Combine(models, name)).FullName;
            File.Copy(Path.Combine(RepositoryPaths.ModelsDir, "foreman-tiny-en", "vocab.json"), Path.Combine(folder, "vocab.json"));
            File.WriteAllBytes(Path.Combine(folder, "model.onnx"), [0]);
        }
        return models;
    }
}
