using Foreman.Models.Hub;

namespace Foreman.Tests.Models.Hub;

public class HubModelReferenceTests
{
    [Theory]
    [InlineData("facebook/wav2vec2-base-960h", "facebook", "wav2vec2-base-960h", "main")]
    [InlineData("acme/tiny@v1.0", "acme", "tiny", "v1.0")]
    [InlineData("acme/tiny@refs/pr/3", "acme", "tiny", "refs/pr/3")]
    [InlineData(" acme/tiny@4f1c0ffee4f1c0ffee4f1c0ffee4f1c0ffee4f1c ", "acme", "tiny", "4f1c0ffee4f1c0ffee4f1c0ffee4f1c0ffee4f1c")]
    public void TryParse_Valid_SplitsOwnerNameAndRevision(string text, string owner, string name, string revision)
    {
        Assert.True(HubModelReference.TryParse(text, out var reference, out _));
        Assert.Equal(new HubModelReference(owner, name, revision), reference);
        Assert.Equal(name, reference.DefaultLocalName);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("tiny")]
    [InlineData("a/b/c")]
    [InlineData("/etc/passwd")]
    [InlineData("../models")]
    [InlineData("acme/..")]
    [InlineData("acme/.hidden")]
    [InlineData("acme/ti ny")]
    [InlineData("acme/tiny@")]
    [InlineData("acme/tiny@../../x")]
    [InlineData("acme/tiny@/abs")]
    public void TryParse_Invalid_ExplainsTheForm(string? text)
    {
        Assert.False(HubModelReference.TryParse(text, out _, out var error));
        Assert.False(string.IsNullOrEmpty(error));
    }
}
