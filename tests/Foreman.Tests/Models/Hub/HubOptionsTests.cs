using System.ComponentModel.DataAnnotations;
using Foreman.Models.Hub;
using Microsoft.Extensions.Configuration;

namespace Foreman.Tests.Models.Hub;

public class HubOptionsTests
{
    [Fact]
    public void Defaults_ArePinned()
    {
        var options = new HubOptions();

        Assert.Equal("Foreman:Hub", HubOptions.Section);
        Assert.Equal("https://huggingface.co", options.BaseUrl);
        Assert.Null(options.Token);
        Assert.Equal(5, options.MaxAttempts);
        Assert.Equal(TimeSpan.FromSeconds(2), options.RetryDelay);
        Assert.Equal(TimeSpan.FromSeconds(60), options.StallTimeout);
    }

    [Fact]
    public void Read_NoConfiguredToken_TakesHfToken()
    {
        var configuration = Configuration(new() { ["HF_TOKEN"] = "hf_abc", ["Foreman:Hub:BaseUrl"] = "https://mirror.example/hf" });

        var options = HubOptions.Read(configuration);

        Assert.Equal("hf_abc", options.Token);
        Assert.Equal("https://mirror.example/hf", options.BaseUrl);
    }

    [Fact]
    public void Read_ConfiguredToken_WinsOverHfToken() =>
        Assert.Equal("hf_configured", HubOptions.Read(Configuration(new() { ["HF_TOKEN"] = "hf_env", ["Foreman:Hub:Token"] = "hf_configured" })).Token);

    [Theory]
    [InlineData("Foreman:Hub:BaseUrl", "not a url")]
    [InlineData("Foreman:Hub:MaxAttempts", "0")]
    [InlineData("Foreman:Hub:StallTimeout", "00:00:00")]
    public void Read_InvalidSetting_Throws(string key, string value) =>
        Assert.Throws<ValidationException>(() => HubOptions.Read(Configuration(new() { [key] = value })));

    private static IConfiguration Configuration(Dictionary<string, string?> values) =>
        new ConfigurationBuilder().AddInMemoryCollection(values).Build();
}
