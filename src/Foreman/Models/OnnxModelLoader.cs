using Microsoft.Extensions.Options;

namespace Foreman.Models;

/// <summary>Loads models from the catalog's folders into ONNX Runtime sessions.</summary>
public sealed class OnnxModelLoader(ModelCatalog catalog, IOptions<InferenceOptions> inference) : IModelLoader
{
    public ILoadedModel Load(string name, CancellationToken cancellationToken)
    {
        if (!catalog.Contains(name))
            throw new FileNotFoundException($"model '{name}' is not in {catalog.Directory}");
        cancellationToken.ThrowIfCancellationRequested();
        return OnnxLoadedModel.Load(catalog.PathOf(name), name, inference.Value);
    }

    /// <summary>The folder's files are all there and readable, and the ONNX file is a well-formed protobuf message.</summary>
    public void Validate(string name)
    {
        if (!catalog.Contains(name))
            throw new FileNotFoundException($"model '{name}' is not in {catalog.Directory}");
        OnnxFileCheck.Verify(ModelFolder.Open(catalog.PathOf(name)).ModelPath);
    }
}
