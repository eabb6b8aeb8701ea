using Foreman.Models;

namespace Foreman.Tests.Models;

public sealed class InferenceOptionsTests
{
    [Fact]
    public void Defaults_AreValidAndPinned()
    {
        var options = new InferenceOptions().Validate();

        Assert.Equal(InferenceDevice.Auto, options.Device);
        Assert.Equal(Environment.ProcessorCount, options.IntraOpThreads);
        Assert.Equal(60, options.WindowSeconds);
        Assert.Equal(6.8, options.ContextSeconds); // covers the bundled model's receptive field, 337 frames = 6.74 s
    }

    [Fact]
    public void Validate_SeveralBadSettings_ListsEachOne()
    {
        var options = new InferenceOptions { IntraOpThreads = 0, ContextSeconds = 10, WindowSeconds = 15 };

        var error = Assert.Throws<ArgumentException>(() => options.Validate());

        Assert.Contains("IntraOpThreads", error.Message);
        Assert.Contains("WindowSeconds", error.Message);
    }
}
