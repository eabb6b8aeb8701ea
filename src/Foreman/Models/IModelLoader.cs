namespace Foreman.Models;

/// <summary>Loads a model by name into memory. The running service loads ONNX models; queue tests substitute a probe.</summary>
public interface IModelLoader
{
    ILoadedModel Load(string name, CancellationToken cancellationToken);

    /// <summary>
    /// Cheap checks of the model's files, run before the resident model is unloaded for it: throws when the model
    /// certainly cannot load (missing or malformed files), so a broken model never evicts a healthy one.
    /// </summary>
    void Validate(string name) { }
}
