namespace Foreman.Tests.Support;

/// <summary>A models directory holding the bundled model (linked, not copied) beside broken ones, for lifecycle tests with real ONNX Runtime.</summary>
public static class RealModels
{
    public const string Bundled = "foreman-tiny-en";

    /// <param name="corrupt">Names of model folders whose model.onnx is garbage.</param>
    public static string Create(TempDirectory root, params string[] corrupt)
    {
        var models = Directory.CreateDirectory(Path.Combine(root.Path, "models")).FullName;
        Directory.CreateSymbolicLink(Path.Combine(models, Bundled), Path.Combine(RepositoryPaths.ModelsDir, Bundled));
        foreach (var name in corrupt)
        {
            var folder = Directory.CreateDirectory(Path.Combine(models, name)).FullName;
            foreach (var file in new[] { "vocab.json", "preprocessor_config.json" })
                File.Copy(Path.Combine(RepositoryPaths.ModelsDir, Bundled, file), Path.Combine(folder, file));
            File.WriteAllText(Path.Combine(folder, "model.onnx"), "this is not an ONNX model");
        }
        return models;
    }
}
