namespace Foreman.Models;

/// <summary>Loads a model by name into memory. The running service loads ONNX models; queue tests substitute a probe.</summary>
public interface IModelLoader
{
    ILoadedModel Load(string name, CancellationToken cancellationToken);
}
