using Foreman.Tests.Support;
using Microsoft.Extensions.Options;

namespace Foreman.Tests.Hosting;

/// <summary>Every module's options are validated one way, at start: a bad value stops the server before it serves.</summary>
public sealed class OptionsValidationTests
{
    [Fact]
    public async Task EveryBoundOptionsClass_IsValidatedAtStart()
    {
        IReadOnlyList<Type> bound = [], validated = [];
        await using (await ForemanApplication.StartAsync(
            new Dictionary<string, string?> { ["Foreman:Worker:Enabled"] = "false", ["Foreman:Models:EagerLoadDefault"] = "false" },
            services =>
            {
                bound = OptionsRegistrations.Of(services, typeof(IOptionsChangeTokenSource<>));
                validated = OptionsRegistrations.Of(services, typeof(IValidateOptions<>));
            }))
        {
        }

        Assert.NotEmpty(bound);
        Assert.Empty(bound.Except(validated).Select(t => t.FullName));
    }

    [Theory]
    [InlineData("Foreman:MaxQueued", "0", "MaxQueued")]
    [InlineData("Foreman:DefaultModel", "../etc", "DefaultModel")]
    [InlineData("Foreman:ApiKeys:0", " ", "ApiKeys")]
    [InlineData("Foreman:Database", "mysql", "Database")]
    [InlineData("Foreman:Inference:WindowSeconds", "1", "WindowSeconds")]
    [InlineData("Foreman:Alignment:SearchBandStates", "8", "SearchBandStates")]
    [InlineData("Inference:ContextSeconds", "-1", "ContextSeconds")] // the old name is validated too
    public async Task Start_InvalidSetting_FailsNamingIt(string key, string value, string named)
    {
        var error = await Assert.ThrowsAsync<OptionsValidationException>(async () =>
            await (await ForemanApplication.StartAsync(new Dictionary<string, string?> { [key] = value, ["Foreman:Worker:Enabled"] = "false" })).DisposeAsync());

        Assert.Contains(named, error.Message);
    }
}
