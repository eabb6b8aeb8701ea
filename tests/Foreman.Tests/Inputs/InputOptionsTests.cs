using Foreman.Inputs;
using Foreman.Inputs.Http;
using Foreman.Inputs.S3;
using Foreman.Tests.Support;
using Microsoft.Extensions.Options;

namespace Foreman.Tests.Inputs;

public class InputOptionsTests
{
    [Fact]
    public void Defaults_ArePinned()
    {
        var options = new InputOptions();
        Assert.Equal(TimeSpan.FromMinutes(60), options.MaxDuration);
        Assert.Equal(200L * 1024 * 1024, options.MaxDownloadBytes);
        Assert.Equal(3, options.FetchRetries);
        Assert.Equal(TimeSpan.FromSeconds(1), options.FetchRetryDelay);
        Assert.Equal(TimeSpan.FromMinutes(10), options.FetchTimeout);
        Assert.Equal(TimeSpan.FromSeconds(30), options.ProbeTimeout);
        Assert.Equal(2, options.Prefetch);
        Assert.Equal(TimeSpan.FromSeconds(1), options.PrefetchPollInterval);
    }

    [Fact]
    public void HttpDefaults_ArePinned()
    {
        var options = new HttpInputOptions();
        Assert.Empty(options.AllowedHosts);
        Assert.False(options.AllowHttp);
        Assert.Equal(5, options.MaxRedirects);
        Assert.Equal(TimeSpan.FromSeconds(10), options.ConnectTimeout);
    }

    [Fact]
    public void S3Defaults_ArePinned()
    {
        var options = new S3Options();
        Assert.Null(options.ServiceUrl);
        Assert.Equal("us-east-1", options.Region);
        Assert.Null(options.AccessKey);
        Assert.Null(options.SecretKey);
        Assert.False(options.ForcePathStyle);
    }

    [Theory]
    [InlineData("Foreman:S3:AccessKey", "only-half", "Foreman:S3:SecretKey")]
    [InlineData("Foreman:S3:ServiceUrl", "not a url", "ServiceUrl")]
    [InlineData("Foreman:Inputs:MaxDuration", "00:00:00", "MaxDuration")]
    [InlineData("Foreman:Http:MaxRedirects", "50", "MaxRedirects")]
    public async Task Start_InvalidSetting_FailsNamingIt(string key, string value, string named)
    {
        var e = await Assert.ThrowsAsync<OptionsValidationException>(() =>
            ProbeApplication.StartAsync(settings: new Dictionary<string, string?> { [key] = value }));
        Assert.Contains(named, e.Message);
    }
}
