using Foreman.Api;

namespace Foreman.Tests.Api;

public class PathRedactionTests
{
    [Theory]
    [InlineData("/srv/foreman/models/x/model.onnx is not an ONNX model", "…/model.onnx is not an ONNX model")]
    [InlineData("model folder /data/models/x has no model.onnx", "model folder …/x has no model.onnx")]
    [InlineData(@"C:\foreman\models\x\vocab.json is unreadable", "…/vocab.json is unreadable")]
    [InlineData("could not fetch https://example.com/a/b.mp3", "could not fetch https://example.com/a/b.mp3")]
    [InlineData("the load did not finish within 00:02:00; 1/2 done / waiting", "the load did not finish within 00:02:00; 1/2 done / waiting")]
    public void Redact_KeepsFileNamesAndUrls(string text, string expected) => Assert.Equal(expected, PathRedaction.Redact(text));
}
