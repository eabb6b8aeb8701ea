using System.Reflection;
using Foreman.Models;

namespace Foreman.Tests.Support;

/// <summary>Which ONNX Runtime package the server under test was built with (<c>-p:ForemanGpu</c>, recorded in its assembly).</summary>
internal static class ForemanBuild
{
    public static bool IsGpu { get; } = typeof(CtcModel).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>()
        .Single(a => a.Key == "ForemanGpu").Value == "true";
}
